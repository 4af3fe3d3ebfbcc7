package dev.jcompose.cli.compose;

import dev.jcompose.scheduler.GraphExecutor;
import dev.jcompose.scheduler.ServiceActionException;
import dev.jcompose.scheduler.ServiceGraph;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Consumer;

/** Runs a blocking action per service over the dependency graph, in parallel where the graph allows. */
public final class ServiceTasks {
  private static volatile int limit;

  private ServiceTasks() {}

  /** At most {@code n} services at once (--parallel, COMPOSE_PARALLEL_LIMIT); 0 for no limit. */
  public static void setParallelLimit(int n) {
    limit = Math.max(0, n);
  }

  public static void inDependencyOrder(ServiceGraph graph, Set<String> services, Consumer<String> action) {
    run(graph, services, action, true);
  }

  public static void inReverseOrder(ServiceGraph graph, Set<String> services, Consumer<String> action) {
    run(graph, services, action, false);
  }

  /** The action on every item at once (within the parallel limit), as Compose pauses or kills containers; the first failure is thrown after all ended. */
  public static <T> void inParallel(Collection<T> items, Consumer<T> action) {
    int n = limit;
    ExecutorService pool = n > 0 ? Executors.newFixedThreadPool(n, ServiceTasks::daemon) : Executors.newCachedThreadPool(ServiceTasks::daemon);
    List<CompletableFuture<Void>> tasks = items.stream().map(i -> CompletableFuture.runAsync(() -> action.accept(i), pool)).toList();
    await(CompletableFuture.allOf(tasks.toArray(CompletableFuture[]::new)), pool);
  }

  private static Thread daemon(Runnable r) {
    Thread t = new Thread(r, "service-task");
    t.setDaemon(true);
    return t;
  }

  private static void run(ServiceGraph graph, Set<String> services, Consumer<String> action, boolean forward) {
    ExecutorService pool = Executors.newCachedThreadPool(ServiceTasks::daemon);
    GraphExecutor executor = new GraphExecutor(graph, limit);
    java.util.function.Function<String, CompletableFuture<Void>> task = s -> CompletableFuture.runAsync(() -> action.accept(s), pool);
    await(forward ? executor.inDependencyOrder(services, task) : executor.inReverseOrder(services, task), pool);
  }

  private static void await(CompletableFuture<Void> all, ExecutorService pool) {
    try {
      all.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    } catch (ExecutionException e) {
      throw rootCause(e);
    } finally {
      pool.shutdown();
    }
  }

  /** The failure the user needs: the action's own exception, with the service named when it is not already. */
  static RuntimeException rootCause(Throwable t) {
    Throwable c = t;
    while ((c instanceof ExecutionException || c instanceof CompletionException || c instanceof ServiceActionException)
        && c.getCause() != null) {
      c = c.getCause();
    }
    return c instanceof RuntimeException r ? r : new IllegalStateException(c.getMessage(), c);
  }
}
