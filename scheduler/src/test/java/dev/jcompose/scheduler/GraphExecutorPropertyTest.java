package dev.jcompose.scheduler;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/**
 * Random service graphs run against a fake engine with a virtual clock: each service's action
 * takes a random duration. For every graph, each service starts only after all its dependencies
 * finished, and — with no concurrency limit — the whole run takes exactly the longest dependency
 * path, not the sum of the durations (services start the moment their own dependencies are done,
 * not level by level).
 */
class GraphExecutorPropertyTest {
  private static final int GRAPHS = 300;

  /** A discrete-event engine: actions end at start + duration on a virtual clock. */
  private static final class FakeEngine {
    private record Pending(long at, long seq, CompletableFuture<Void> done) {}

    private final PriorityQueue<Pending> queue = new PriorityQueue<>((a, b) ->
        a.at != b.at ? Long.compare(a.at, b.at) : Long.compare(a.seq, b.seq));
    private final Map<String, Long> started = new HashMap<>();
    private final Map<String, Long> finished = new HashMap<>();
    private long now;
    private long seq;

    CompletableFuture<Void> run(String service, long duration) {
      started.put(service, now);
      CompletableFuture<Void> done = new CompletableFuture<>();
      done.thenRun(() -> finished.put(service, now));
      queue.add(new Pending(now + duration, seq++, done));
      return done;
    }

    void drain() {
      while (!queue.isEmpty()) {
        Pending p = queue.poll();
        now = p.at;
        p.done.complete(null); // may start more actions, synchronously
      }
    }
  }

  @Test
  void randomGraphs_startAfterDependencies_andTakeTheLongestPath() {
    Random random = new Random(20261123);
    for (int g = 0; g < GRAPHS; g++) {
      int n = 1 + random.nextInt(14);
      List<String> specs = new ArrayList<>();
      Map<String, List<String>> deps = new HashMap<>();
      Map<String, Long> duration = new HashMap<>();
      for (int i = 0; i < n; i++) {
        String name = "s" + i;
        List<String> d = new ArrayList<>();
        for (int j = 0; j < i; j++) {
          if (random.nextInt(4) == 0) {
            d.add("s" + j); // edges only to earlier services: a DAG
          }
        }
        deps.put(name, d);
        duration.put(name, 1 + (long) random.nextInt(50));
        specs.add(d.isEmpty() ? name : name + "->" + String.join(",", d));
      }
      ServiceGraph graph = Services.graph(specs.toArray(String[]::new));
      FakeEngine engine = new FakeEngine();
      Set<String> all = new LinkedHashSet<>(deps.keySet());
      CompletableFuture<Void> run = new GraphExecutor(graph, 0).inDependencyOrder(all, s -> engine.run(s, duration.get(s)));
      engine.drain();
      assertTrue(run.isDone() && !run.isCompletedExceptionally(), "graph " + specs + " did not complete");

      Map<String, Long> longest = new HashMap<>();
      long makespan = 0;
      for (int i = 0; i < n; i++) {
        String s = "s" + i;
        long ready = 0;
        for (String d : deps.get(s)) {
          assertTrue(engine.started.get(s) >= engine.finished.get(d),
              s + " started at " + engine.started.get(s) + " before its dependency " + d + " finished at " + engine.finished.get(d)
                  + " in " + specs);
          ready = Math.max(ready, longest.get(d));
        }
        assertEquals(ready, engine.started.get(s), s + " did not start the moment its dependencies were done, in " + specs);
        longest.put(s, ready + duration.get(s));
        makespan = Math.max(makespan, longest.get(s));
      }
      assertEquals(makespan, engine.now, "total time is the longest path for " + specs);
    }
  }

  @Test
  void reverseOrder_stopsDependentsFirst_onRandomGraphs() {
    Random random = new Random(7);
    for (int g = 0; g < GRAPHS; g++) {
      int n = 2 + random.nextInt(12);
      List<String> specs = new ArrayList<>();
      Map<String, List<String>> deps = new HashMap<>();
      for (int i = 0; i < n; i++) {
        List<String> d = new ArrayList<>();
        for (int j = 0; j < i; j++) {
          if (random.nextInt(3) == 0) {
            d.add("s" + j);
          }
        }
        deps.put("s" + i, d);
        specs.add(d.isEmpty() ? "s" + i : "s" + i + "->" + String.join(",", d));
      }
      FakeEngine engine = new FakeEngine();
      new GraphExecutor(Services.graph(specs.toArray(String[]::new)), 0)
          .inReverseOrder(new LinkedHashSet<>(deps.keySet()), s -> engine.run(s, 1 + (s.hashCode() & 7)));
      engine.drain();
      deps.forEach((s, ds) -> ds.forEach(d -> assertTrue(engine.started.get(d) >= engine.finished.get(s),
          d + " was stopped before its dependent " + s + " in " + specs)));
    }
  }
}
