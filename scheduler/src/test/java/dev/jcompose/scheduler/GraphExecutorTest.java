package dev.jcompose.scheduler;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(10)
class GraphExecutorTest {

    private final ExecutorService pool = Executors.newFixedThreadPool(8);
    private final List<String> events = Collections.synchronizedList(new ArrayList<>());

    @AfterEach
    void stopPool() {
        pool.shutdownNow();
    }

    /** An action that logs "start x" and "end x", running on the pool. */
    private Function<String, CompletableFuture<Void>> logging(Duration work) {
        return service -> CompletableFuture.runAsync(() -> {
            events.add("start " + service);
            sleep(work);
            events.add("end " + service);
        }, pool);
    }

    @Test
    void testInDependencyOrder_dependenciesCompleteFirst() throws Exception {
        ServiceGraph graph = Services.graph("proxy->web", "web->db,cache", "db", "cache");
        new GraphExecutor(graph, 0).inDependencyOrder(graph.services(), logging(Duration.ofMillis(20)))
                .get(5, TimeUnit.SECONDS);
        assertTrue(events.indexOf("end db") < events.indexOf("start web"), events.toString());
        assertTrue(events.indexOf("end cache") < events.indexOf("start web"), events.toString());
        assertTrue(events.indexOf("end web") < events.indexOf("start proxy"), events.toString());
        assertEquals(8, events.size());
    }

    @Test
    void testInReverseOrder_dependentsCompleteFirst() throws Exception {
        ServiceGraph graph = Services.graph("web->db", "db");
        new GraphExecutor(graph, 0).inReverseOrder(graph.services(), logging(Duration.ZERO)).get(5, TimeUnit.SECONDS);
        assertEquals(List.of("start web", "end web", "start db", "end db"), events);
    }

    @Test
    void testIndependentServicesReallyOverlap() throws Exception {
        ServiceGraph graph = Services.graph("a", "b");
        CountDownLatch bothStarted = new CountDownLatch(2);
        new GraphExecutor(graph, 0).inDependencyOrder(graph.services(), s -> CompletableFuture.runAsync(() -> {
            bothStarted.countDown();
            try {
                if (!bothStarted.await(5, TimeUnit.SECONDS)) {
                    throw new IllegalStateException(s + " ran alone");
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, pool)).get(5, TimeUnit.SECONDS);
    }

    @Test
    void testMaxConcurrencyIsRespectedAndTiesGoByName() throws Exception {
        ServiceGraph graph = Services.graph("d", "c", "b", "a", "e");
        AtomicInteger inFlight = new AtomicInteger();
        AtomicInteger peak = new AtomicInteger();
        new GraphExecutor(graph, 2).inDependencyOrder(graph.services(), s -> CompletableFuture.runAsync(() -> {
            peak.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
            events.add(s);
            sleep(Duration.ofMillis(30));
            inFlight.decrementAndGet();
        }, pool)).get(5, TimeUnit.SECONDS);
        assertEquals(2, peak.get());
        List<String> sequential = new ArrayList<>();
        new GraphExecutor(graph, 1).inDependencyOrder(graph.services(), s -> {
            sequential.add(s);
            return CompletableFuture.completedFuture(null);
        }).get(5, TimeUnit.SECONDS);
        assertEquals(List.of("a", "b", "c", "d", "e"), sequential);
    }

    @Test
    void testFailureSkipsWhatHasNotStartedAndNamesTheService() throws Exception {
        ServiceGraph graph = Services.graph("proxy->web", "web->db", "db", "slow");
        CompletableFuture<Void> run = new GraphExecutor(graph, 0).inDependencyOrder(graph.services(), s -> {
            events.add("start " + s);
            if (s.equals("db")) {
                return CompletableFuture.runAsync(() -> {
                    sleep(Duration.ofMillis(20));
                    throw new IllegalStateException("port 5432 is already allocated");
                }, pool);
            }
            return CompletableFuture.runAsync(() -> sleep(Duration.ofMillis(100)), pool);
        });
        ExecutionException e = assertThrows(ExecutionException.class,
                () -> run.get(5, TimeUnit.SECONDS));
        ServiceActionException failure = assertInstanceOf(ServiceActionException.class, e.getCause());
        assertEquals("db", failure.service());
        assertEquals(List.of("web", "proxy"), failure.skipped());
        assertEquals("service \"db\" failed: port 5432 is already allocated (skipped: web, proxy)",
                failure.getMessage());
        assertEquals(Set.of("start db", "start slow"), Set.copyOf(events));
    }

    @Test
    void testFailureWaitsForRunningActions() throws Exception {
        ServiceGraph graph = Services.graph("a", "b");
        CountDownLatch bStarted = new CountDownLatch(1);
        CompletableFuture<Void> b = new CompletableFuture<>();
        CompletableFuture<Void> run = new GraphExecutor(graph, 0).inDependencyOrder(graph.services(), s -> {
            if (s.equals("a")) {
                return CompletableFuture.runAsync(() -> {
                    await(bStarted);
                    throw new IllegalStateException("a broke");
                }, pool);
            }
            bStarted.countDown();
            return b;
        });
        sleep(Duration.ofMillis(100));
        assertEquals(false, run.isDone(), "b is still running");
        b.complete(null);
        ExecutionException e = assertThrows(ExecutionException.class,
                () -> run.get(5, TimeUnit.SECONDS));
        assertEquals("a", ((ServiceActionException) e.getCause()).service());
    }

    @Test
    void testActionsThatThrowOrReturnNothing() {
        ServiceGraph graph = Services.graph("a");
        CompletableFuture<Void> thrown = new GraphExecutor(graph, 0).inDependencyOrder(graph.services(), s -> {
            throw new IllegalArgumentException("bad config");
        });
        assertEquals("service \"a\" failed: bad config",
                assertThrows(ExecutionException.class, thrown::get).getCause()
                        .getMessage());
        CompletableFuture<Void> none = new GraphExecutor(graph, 0).inDependencyOrder(graph.services(), s -> null);
        assertTrue(none.isCompletedExceptionally());
    }

    @Test
    void testEmptyPlanCompletesAtOnce() {
        ServiceGraph graph = Services.graph("a");
        assertTrue(new GraphExecutor(graph, 0).inDependencyOrder(Set.of(), s -> null).isDone());
    }

    @Test
    void testLongSynchronousChain() throws Exception {
        String[] specs = new String[300];
        for (int i = 0; i < specs.length; i++) {
            specs[i] = i == 0 ? "s000" : String.format("s%03d->s%03d", i, i - 1);
        }
        ServiceGraph graph = Services.graph(specs);
        List<String> order = new ArrayList<>();
        new GraphExecutor(graph, 4).inDependencyOrder(graph.services(), s -> {
            order.add(s);
            return CompletableFuture.completedFuture(null);
        }).get(5, TimeUnit.SECONDS);
        assertEquals(ExecutionPlan.inDependencyOrder(graph, graph.services()).order(), order);
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
