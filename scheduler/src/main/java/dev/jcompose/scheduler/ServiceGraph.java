package dev.jcompose.scheduler;

import dev.jcompose.compose.model.DependsOn;
import dev.jcompose.compose.model.Project;
import dev.jcompose.compose.model.ServiceConfig;
import dev.jcompose.compose.tree.Suggestions;
import java.util.ArrayDeque;
import java.util.Collection;
import java.util.Collections;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import org.jgrapht.Graph;
import org.jgrapht.Graphs;
import org.jgrapht.graph.DefaultDirectedGraph;
import org.jgrapht.graph.DefaultEdge;

/**
 * Which service needs which, as a JGraphT graph whose edges go from a dependency to its
 * dependent (so a topological order is a start order). Dependencies come from
 * {@code depends_on}, {@code links}, {@code volumes_from} (services, not {@code container:})
 * and {@code network_mode}/{@code ipc}/{@code pid: service:x}. Building one fails on a cycle.
 */
public final class ServiceGraph {

    private final Graph<String, DefaultEdge> graph;
    /** For each service, the services whose {@code depends_on} names it with {@code restart: true}. */
    private final Map<String, Set<String>> restartDependents;

    private ServiceGraph(Graph<String, DefaultEdge> graph, Map<String, Set<String>> restartDependents) {
        this.graph = graph;
        this.restartDependents = restartDependents;
    }

    /**
     * @throws DependencyCycleException when services depend on each other in a loop
     * @throws UnknownServiceException when a required dependency is not a service of the project
     */
    public static ServiceGraph of(Project project) {
        return of(project.services());
    }

    public static ServiceGraph of(Collection<ServiceConfig> services) {
        Graph<String, DefaultEdge> graph = new DefaultDirectedGraph<>(DefaultEdge.class);
        services.forEach(s -> graph.addVertex(s.name()));
        for (ServiceConfig service : services) {
            dependencies(service).forEach((dependency, required) -> {
                if (graph.containsVertex(dependency)) {
                    graph.addEdge(dependency, service.name());
                } else if (required) {
                    throw new UnknownServiceException(dependency, "service \"" + service.name()
                            + "\" depends on undefined service \"" + dependency + "\"");
                }
            });
        }
        CycleFinder.find(graph).ifPresent(cycle -> {
            throw new DependencyCycleException(cycle);
        });
        Map<String, Set<String>> restartDependents = new LinkedHashMap<>();
        for (ServiceConfig service : services) {
            service.dependsOn().forEach((dependency, d) -> {
                if (d.restart() && graph.containsVertex(dependency)) {
                    restartDependents.computeIfAbsent(dependency, k -> new TreeSet<>()).add(service.name());
                }
            });
        }
        return new ServiceGraph(graph, restartDependents);
    }

    /** A service's dependencies by name, each with whether it is required. */
    static Map<String, Boolean> dependencies(ServiceConfig service) {
        Map<String, Boolean> out = new LinkedHashMap<>();
        for (Map.Entry<String, DependsOn> e : service.dependsOn().entrySet()) {
            out.put(e.getKey(), e.getValue().required());
        }
        service.links().forEach(link -> out.putIfAbsent(link.split(":", 2)[0], true));
        service.volumesFrom().stream().filter(v -> !v.startsWith("container:"))
                .forEach(v -> out.putIfAbsent(v.split(":", 2)[0], true));
        for (String mode : java.util.Arrays.asList(service.networkMode(), service.ipc(), service.pid())) {
            if (mode != null && mode.startsWith("service:")) {
                out.putIfAbsent(mode.substring("service:".length()), true);
            }
        }
        return out;
    }

    /** All services, sorted by name. */
    public Set<String> services() {
        return Collections.unmodifiableSet(new TreeSet<>(graph.vertexSet()));
    }

    /** The services {@code service} directly depends on, sorted. */
    public Set<String> dependenciesOf(String service) {
        check(service);
        return Collections.unmodifiableSet(new TreeSet<>(Graphs.predecessorListOf(graph, service)));
    }

    /** The services that directly depend on {@code service}, sorted. */
    public Set<String> dependentsOf(String service) {
        check(service);
        return Collections.unmodifiableSet(new TreeSet<>(Graphs.successorListOf(graph, service)));
    }

    /**
     * What {@code up}, {@code start}, {@code create} or {@code run} act on: the named services
     * (all when none are named) and, unless {@code noDeps}, everything they depend on.
     */
    public Set<String> selectForUp(Collection<String> names, boolean noDeps) {
        Set<String> named = named(names);
        return noDeps ? named : closure(named, this::dependenciesOf);
    }

    /** What {@code stop} or {@code down} act on: the named services and everything depending on them. */
    public Set<String> selectForStop(Collection<String> names) {
        return closure(named(names), this::dependentsOf);
    }

    /**
     * What {@code restart} acts on, as Compose: the named services (all when none are named) and,
     * transitively, the services whose {@code depends_on} names one of them with {@code restart: true}.
     */
    public Set<String> selectForRestart(Collection<String> names) {
        return closure(named(names), s -> restartDependents.getOrDefault(s, Set.of()));
    }

    /**
     * The services to stop before {@code service} is recreated and to start again after it, as
     * Compose's {@code depends_on.restart: true} asks: those naming it so, transitively, sorted.
     */
    public Set<String> restartDependentsOf(String service) {
        check(service);
        Set<String> all = new TreeSet<>(closure(Set.of(service), s -> restartDependents.getOrDefault(s, Set.of())));
        all.remove(service);
        return Collections.unmodifiableSet(all);
    }

    /** The underlying graph, for plans: read-only by convention. */
    Graph<String, DefaultEdge> graph() {
        return graph;
    }

    private Set<String> named(Collection<String> names) {
        if (names.isEmpty()) {
            return services();
        }
        names.forEach(this::check);
        return new TreeSet<>(names);
    }

    private static Set<String> closure(Set<String> start, Function<String, Set<String>> next) {
        Set<String> out = new LinkedHashSet<>(start);
        Deque<String> todo = new ArrayDeque<>(start);
        while (!todo.isEmpty()) {
            for (String neighbour : next.apply(todo.pop())) {
                if (out.add(neighbour)) {
                    todo.push(neighbour);
                }
            }
        }
        return Collections.unmodifiableSet(new TreeSet<>(out));
    }

    /** @throws UnknownServiceException when {@code service} is not in the graph */
    void check(String service) {
        if (!graph.containsVertex(service)) {
            throw new UnknownServiceException(service, "no such service: \"" + service + "\""
                    + Suggestions.didYouMean(service, graph.vertexSet()));
        }
    }
}
