package dev.jcompose.scheduler;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ExecutionPlanTest {

    private final ServiceGraph graph = Services.graph("proxy->web", "web->db,cache", "db", "cache", "worker->db");

    @Test
    void testInDependencyOrder_deterministicTopologicalOrder() {
        ExecutionPlan plan = ExecutionPlan.inDependencyOrder(graph, graph.services());
        assertEquals(List.of("cache", "db", "web", "proxy", "worker"), plan.order());
        assertEquals(Set.of("cache", "db"), plan.waitsFor("web"));
        assertEquals(Set.of("web", "worker"), plan.unblocks("db"));
        assertEquals(ExecutionPlan.Direction.DEPENDENCIES_FIRST, plan.direction());
    }

    @Test
    void testInReverseOrder() {
        ExecutionPlan plan = ExecutionPlan.inReverseOrder(graph, graph.services());
        assertEquals(List.of("proxy", "web", "cache", "worker", "db"), plan.order());
        assertEquals(Set.of("web", "worker"), plan.waitsFor("db"));
    }

    @Test
    void testSubset_waitsThroughServicesLeftOut() {
        ExecutionPlan plan = ExecutionPlan.inDependencyOrder(graph, Set.of("proxy", "db"));
        assertEquals(List.of("db", "proxy"), plan.order());
        assertEquals(Set.of("db"), plan.waitsFor("proxy"));
        ExecutionPlan stop = ExecutionPlan.inReverseOrder(graph, Set.of("proxy", "db"));
        assertEquals(List.of("proxy", "db"), stop.order());
    }

    @Test
    void testUnknownService() {
        assertThrows(UnknownServiceException.class, () -> ExecutionPlan.inDependencyOrder(graph, Set.of("nope")));
    }
}
