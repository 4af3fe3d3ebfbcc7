package dev.jcompose.compose.validate;

import dev.jcompose.compose.tree.Nodes;
import dev.jcompose.compose.tree.Problems;
import dev.jcompose.compose.tree.Suggestions;
import dev.jcompose.compose.tree.TreePath;
import dev.jcompose.compose.tree.Warnings;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;

/**
 * Phase 7, consistency (on the normalized tree): a list of small named checks, each about how
 * parts of the project refer to each other, as compose-go's {@code checkConsistency} and runc's
 * {@code configs/validate}. The first failing check stops the load.
 */
public final class ConsistencyCheck {

    /** One rule. */
    interface Check {
        void check(Project project, String name, MappingNode service, TreePath path);
    }

    /** The parts of the tree the checks look at. */
    record Project(Map<String, MappingNode> services, Set<String> networks, Set<String> volumes,
            Set<String> secrets, Set<String> configs, Warnings warnings) {
    }

    private static final Map<String, Check> CHECKS = new LinkedHashMap<>();

    static {
        CHECKS.put("image or build", ServiceChecks::imageOrBuild);
        CHECKS.put("links", ServiceChecks::links);
        CHECKS.put("volumes_from", ServiceChecks::volumesFrom);
        CHECKS.put("network_mode", ServiceChecks::networkMode);
        CHECKS.put("depends_on", ServiceChecks::dependsOn);
        CHECKS.put("networks declared", ServiceChecks::networksDeclared);
        CHECKS.put("volumes declared", ServiceChecks::volumesDeclared);
        CHECKS.put("secrets declared", (p, n, s, path) -> ServiceChecks.referencesDeclared(p, s, path, "secrets"));
        CHECKS.put("configs declared", (p, n, s, path) -> ServiceChecks.referencesDeclared(p, s, path, "configs"));
        CHECKS.put("container_name and scale", ServiceChecks::containerNameAndScale);
    }

    private ConsistencyCheck() {
    }

    /** The names of the checks, in the order they run. */
    public static List<String> checks() {
        List<String> names = new java.util.ArrayList<>(CHECKS.keySet());
        names.add("dependency cycles");
        return List.copyOf(names);
    }

    public static void check(MappingNode root, Warnings warnings) {
        TreePath base = TreePath.root().key("services");
        Map<String, MappingNode> services = new LinkedHashMap<>();
        MappingNode servicesNode = Nodes.getMapping(root, "services");
        if (servicesNode != null) {
            Nodes.entries(servicesNode, base).forEach((name, node) -> services.put(name, (MappingNode) node));
        }
        Project project = new Project(services, keys(root, "networks"), keys(root, "volumes"), keys(root, "secrets"),
                keys(root, "configs"), warnings);
        for (Check check : CHECKS.values()) {
            services.forEach((name, service) -> check.check(project, name, service, base.key(name)));
        }
        DependencyCycles.check(services);
    }

    private static Set<String> keys(MappingNode root, String kind) {
        MappingNode node = Nodes.getMapping(root, kind);
        return node == null ? Set.of() : Nodes.entries(node, TreePath.root().key(kind)).keySet();
    }

    /** The error for a reference to a service that does not exist. */
    static RuntimeException unknownService(Project project, Node at, TreePath path, String name) {
        return Problems.invalid(at, path, "service " + Problems.quote(name) + " is not defined"
                + Suggestions.didYouMean(name, project.services().keySet()));
    }

    static boolean isService(Project project, String name) {
        return project.services().containsKey(name);
    }

    static Node key(MappingNode mapping, String key) {
        for (NodeTuple tuple : mapping.getValue()) {
            if (Nodes.isScalar(tuple.getKeyNode()) && Nodes.text(tuple.getKeyNode()).equals(key)) {
                return tuple.getKeyNode();
            }
        }
        return mapping;
    }
}
