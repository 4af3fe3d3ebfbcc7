package dev.jcompose.scheduler;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Function;

/**
 * Runs an asynchronous action per service along an {@link ExecutionPlan}, as compose-go's
 * {@code InDependencyOrder}/{@code InReverseOrder} and testcontainers' {@code Startables}:
 * each service starts as soon as everything it waits for has completed, independent services
 * run in parallel, at most {@code maxConcurrency} at a time, and ready services start in plan
 * order (by name on ties).
 *
 * <p>It fails fast: after the first failure no service starts any more; the returned future
 * completes, once the actions already running have finished, with a
 * {@link ServiceActionException} naming the service and the skipped ones. The executor owns no
 * threads: actions run where their futures complete.
 */
public final class GraphExecutor {

    private final ServiceGraph graph;
    private final int maxConcurrency;

    /** @param maxConcurrency at most this many actions at once; 0 or less for no limit */
    public GraphExecutor(ServiceGraph graph, int maxConcurrency) {
        this.graph = graph;
        this.maxConcurrency = maxConcurrency <= 0 ? Integer.MAX_VALUE : maxConcurrency;
    }

    /** Dependencies first (up, start). */
    public CompletableFuture<Void> inDependencyOrder(Set<String> services,
            Function<String, CompletableFuture<Void>> action) {
        return run(ExecutionPlan.inDependencyOrder(graph, services), action);
    }

    /** Dependents first (stop, down). */
    public CompletableFuture<Void> inReverseOrder(Set<String> services,
            Function<String, CompletableFuture<Void>> action) {
        return run(ExecutionPlan.inReverseOrder(graph, services), action);
    }

    public CompletableFuture<Void> run(ExecutionPlan plan, Function<String, CompletableFuture<Void>> action) {
        return new Run(plan, action, maxConcurrency).start();
    }

    /** The state of one execution; every field is guarded by {@code this}. */
    private static final class Run {

        private final ExecutionPlan plan;
        private final Function<String, CompletableFuture<Void>> action;
        private final int maxConcurrency;
        private final CompletableFuture<Void> result = new CompletableFuture<>();
        private final Map<String, Integer> waiting = new HashMap<>();
        private final PriorityQueue<String> ready;
        private final Set<String> started = new HashSet<>();
        private int running;
        private int completed;
        private String failedService;
        private Throwable failure;

        Run(ExecutionPlan plan, Function<String, CompletableFuture<Void>> action, int maxConcurrency) {
            this.plan = plan;
            this.action = action;
            this.maxConcurrency = maxConcurrency;
            Map<String, Integer> rank = new HashMap<>();
            plan.order().forEach(s -> rank.put(s, rank.size()));
            this.ready = new PriorityQueue<>(Comparator.comparing(rank::get));
        }

        CompletableFuture<Void> start() {
            synchronized (this) {
                for (String service : plan.order()) {
                    waiting.put(service, plan.waitsFor(service).size());
                    if (plan.waitsFor(service).isEmpty()) {
                        ready.add(service);
                    }
                }
            }
            dispatch();
            finishIfDone();
            return result;
        }

        /** Starts ready services while there is room; the actions are called outside the lock. */
        private void dispatch() {
            while (true) {
                String next;
                synchronized (this) {
                    if (failure != null || ready.isEmpty() || running >= maxConcurrency) {
                        return;
                    }
                    next = ready.poll();
                    started.add(next);
                    running++;
                }
                invoke(next);
            }
        }

        private void invoke(String service) {
            CompletableFuture<Void> future;
            try {
                future = action.apply(service);
                if (future == null) {
                    future = CompletableFuture.failedFuture(new NullPointerException("the action returned no future"));
                }
            } catch (RuntimeException | Error e) {
                future = CompletableFuture.failedFuture(e);
            }
            future.whenComplete((ignored, error) -> done(service, error));
        }

        private void done(String service, Throwable error) {
            synchronized (this) {
                running--;
                if (error != null) {
                    Throwable cause = error instanceof CompletionException && error.getCause() != null
                            ? error.getCause() : error;
                    if (failure == null) {
                        failure = cause;
                        failedService = service;
                    } else {
                        failure.addSuppressed(cause);
                    }
                } else {
                    completed++;
                    for (String next : plan.unblocks(service)) {
                        if (waiting.merge(next, -1, Integer::sum) == 0) {
                            ready.add(next);
                        }
                    }
                }
            }
            dispatch();
            finishIfDone();
        }

        /** Completes the result outside the lock, so its callbacks never run holding it. */
        private void finishIfDone() {
            ServiceActionException error = null;
            synchronized (this) {
                if (result.isDone() || running > 0) {
                    return;
                }
                if (failure != null) {
                    List<String> skipped = new ArrayList<>();
                    plan.order().stream().filter(s -> !started.contains(s)).forEach(skipped::add);
                    error = new ServiceActionException(failedService, failure, skipped);
                } else if (completed < plan.size()) {
                    return;
                }
            }
            if (error != null) {
                result.completeExceptionally(error);
            } else {
                result.complete(null);
            }
        }
    }
}
