package dev.jcompose.scheduler;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import org.jgrapht.Graph;
import org.jgrapht.Graphs;
import org.jgrapht.graph.DefaultEdge;
import org.jgrapht.graph.SimpleDirectedGraph;
import org.jgrapht.traverse.TopologicalOrderIterator;

/**
 * Which services to act on and what each must wait for, as compose-go's {@code graph}
 * package: {@link #inDependencyOrder} (up, start: dependencies first) or
 * {@link #inReverseOrder} (stop, down: dependents first). A service waits for the nearest
 * selected services on its side, also through services left out of the plan, so
 * {@code up web db} still starts db before web when web reaches db through a third service.
 * {@link #order()} is one valid sequential order, ties broken by name.
 */
public final class ExecutionPlan {

    /** Which way the plan walks the dependency graph. */
    public enum Direction {
        /** Dependencies before dependents: up, start, create. */
        DEPENDENCIES_FIRST,
        /** Dependents before dependencies: stop, down, rm. */
        DEPENDENTS_FIRST
    }

    private final Direction direction;
    private final List<String> order;
    private final Map<String, Set<String>> waitsFor;
    private final Map<String, Set<String>> unblocks;

    private ExecutionPlan(Direction direction, List<String> order, Map<String, Set<String>> waitsFor,
            Map<String, Set<String>> unblocks) {
        this.direction = direction;
        this.order = List.copyOf(order);
        this.waitsFor = waitsFor;
        this.unblocks = unblocks;
    }

    public static ExecutionPlan inDependencyOrder(ServiceGraph graph, Set<String> services) {
        return of(graph, services, Direction.DEPENDENCIES_FIRST);
    }

    public static ExecutionPlan inReverseOrder(ServiceGraph graph, Set<String> services) {
        return of(graph, services, Direction.DEPENDENTS_FIRST);
    }

    private static ExecutionPlan of(ServiceGraph serviceGraph, Set<String> services, Direction direction) {
        Graph<String, DefaultEdge> graph = serviceGraph.graph();
        services.forEach(serviceGraph::check);
        Function<String, List<String>> before = direction == Direction.DEPENDENCIES_FIRST
                ? s -> Graphs.predecessorListOf(graph, s) : s -> Graphs.successorListOf(graph, s);
        Graph<String, DefaultEdge> plan = new SimpleDirectedGraph<>(DefaultEdge.class);
        services.forEach(plan::addVertex);
        for (String service : services) {
            for (String first : nearestSelected(service, services, before)) {
                plan.addEdge(first, service);
            }
        }
        List<String> order = new ArrayList<>();
        new TopologicalOrderIterator<>(plan, Comparator.<String>naturalOrder()).forEachRemaining(order::add);
        Map<String, Set<String>> waitsFor = new LinkedHashMap<>();
        Map<String, Set<String>> unblocks = new LinkedHashMap<>();
        for (String service : order) {
            waitsFor.put(service, Collections.unmodifiableSet(new TreeSet<>(Graphs.predecessorListOf(plan, service))));
            unblocks.put(service, Collections.unmodifiableSet(new TreeSet<>(Graphs.successorListOf(plan, service))));
        }
        return new ExecutionPlan(direction, order, waitsFor, unblocks);
    }

    /** The selected services reached from {@code service} through {@code before} edges, stopping at each. */
    private static Set<String> nearestSelected(String service, Set<String> selected,
            Function<String, List<String>> before) {
        Set<String> found = new TreeSet<>();
        Set<String> seen = new HashSet<>();
        Deque<String> todo = new ArrayDeque<>(before.apply(service));
        while (!todo.isEmpty()) {
            String next = todo.pop();
            if (!seen.add(next)) {
                continue;
            }
            if (selected.contains(next)) {
                found.add(next);
            } else {
                todo.addAll(before.apply(next));
            }
        }
        return found;
    }

    public Direction direction() {
        return direction;
    }

    /** Every service of the plan in one valid sequential order, ties broken by name. */
    public List<String> order() {
        return order;
    }

    /** The services that must complete before {@code service} starts. */
    public Set<String> waitsFor(String service) {
        return waitsFor.getOrDefault(service, Set.of());
    }

    /** The services that wait for {@code service}. */
    public Set<String> unblocks(String service) {
        return unblocks.getOrDefault(service, Set.of());
    }

    public int size() {
        return order.size();
    }
}
