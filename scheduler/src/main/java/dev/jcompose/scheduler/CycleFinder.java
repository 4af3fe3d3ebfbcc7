package dev.jcompose.scheduler;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.jgrapht.Graph;
import org.jgrapht.Graphs;
import org.jgrapht.alg.cycle.CycleDetector;
import org.jgrapht.graph.DefaultEdge;

/**
 * Finds a dependency cycle to report. JGraphT's {@link CycleDetector} says whether there is
 * one; the chain is then searched depth-first from each service in name order, following
 * dependencies in name order, so the same project always gives the same message.
 */
final class CycleFinder {

    private CycleFinder() {
    }

    /** @param graph edges go from a dependency to its dependent */
    static Optional<List<String>> find(Graph<String, DefaultEdge> graph) {
        if (!new CycleDetector<>(graph).detectCycles()) {
            return Optional.empty();
        }
        Set<String> done = new HashSet<>();
        for (String start : new TreeSet<>(graph.vertexSet())) {
            List<String> path = new ArrayList<>(List.of(start));
            Optional<List<String>> cycle = search(graph, path, done);
            if (cycle.isPresent()) {
                return cycle;
            }
        }
        throw new IllegalStateException("CycleDetector found a cycle that the search did not");
    }

    /**
     * @param done services fully searched without finding a cycle: none can be reached from
     *     them (a cycle through the current path would also be one reachable from them), so
     *     they are not searched again, which keeps the search linear
     */
    private static Optional<List<String>> search(Graph<String, DefaultEdge> graph, List<String> path,
            Set<String> done) {
        String last = path.get(path.size() - 1);
        for (String dependency : new TreeSet<>(Graphs.predecessorListOf(graph, last))) {
            int index = path.indexOf(dependency);
            if (index >= 0) {
                List<String> cycle = new ArrayList<>(path.subList(index, path.size()));
                cycle.add(dependency);
                return Optional.of(cycle);
            }
            if (done.contains(dependency)) {
                continue;
            }
            path.add(dependency);
            Optional<List<String>> found = search(graph, path, done);
            if (found.isPresent()) {
                return found;
            }
            path.remove(path.size() - 1);
        }
        done.add(last);
        return Optional.empty();
    }
}
