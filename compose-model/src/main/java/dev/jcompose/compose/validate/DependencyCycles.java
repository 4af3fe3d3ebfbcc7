package dev.jcompose.compose.validate;

import dev.jcompose.compose.tree.Nodes;
import dev.jcompose.compose.tree.Problems;
import dev.jcompose.compose.tree.TreePath;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.yaml.snakeyaml.nodes.MappingNode;

/**
 * No service may depend on itself through {@code depends_on} (explicit or implied by links,
 * volumes_from and {@code network_mode: service:}): the error shows the whole chain. Services
 * and dependencies are visited in name order, so the same file always gives the same chain
 * (as compose-go's {@code graph/cycle.go}).
 */
final class DependencyCycles {

    private DependencyCycles() {
    }

    static void check(Map<String, MappingNode> services) {
        Map<String, Set<String>> edges = new TreeMap<>();
        services.forEach((name, service) -> {
            MappingNode dependsOn = Nodes.getMapping(service, "depends_on");
            Set<String> targets = new TreeSet<>();
            if (dependsOn != null) {
                targets.addAll(Nodes.entries(dependsOn, TreePath.root()).keySet());
            }
            targets.retainAll(services.keySet());
            edges.put(name, targets);
        });
        Set<String> done = new HashSet<>();
        for (String start : edges.keySet()) {
            visit(start, edges, new ArrayList<>(), done, services);
        }
    }

    private static void visit(String name, Map<String, Set<String>> edges, List<String> stack, Set<String> done,
            Map<String, MappingNode> services) {
        if (done.contains(name)) {
            return;
        }
        int at = stack.indexOf(name);
        if (at >= 0) {
            List<String> cycle = new ArrayList<>(stack.subList(at, stack.size()));
            cycle.add(name);
            String first = cycle.get(0);
            MappingNode dependsOn = Nodes.getMapping(services.get(first), "depends_on");
            throw Problems.invalid(dependsOn == null ? services.get(first)
                    : ConsistencyCheck.key(dependsOn, cycle.get(1)),
                    TreePath.root().key("services").key(first).key("depends_on"),
                    "dependency cycle detected: " + String.join(" -> ", cycle));
        }
        stack.add(name);
        for (String next : edges.get(name)) {
            visit(next, edges, stack, done, services);
        }
        stack.remove(stack.size() - 1);
        done.add(name);
    }
}
