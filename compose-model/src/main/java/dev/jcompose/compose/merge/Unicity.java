package dev.jcompose.compose.merge;

import dev.jcompose.compose.tree.Nodes;
import dev.jcompose.compose.tree.TreePath;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;

/**
 * De-duplicates a merged list the way compose-go's {@code EnforceUnicity} does: entries with
 * the same key collapse into one, the last one's value in the first one's place. Ports are
 * keyed by host ip, published port, target and protocol; volumes by target; env files by
 * path; plain scalar lists by value. Other lists of mappings are kept whole.
 */
final class Unicity {

    private static final TreePath PORTS = TreePath.of("services.*.ports");
    private static final TreePath VOLUMES = TreePath.of("services.*.volumes");
    private static final TreePath ENV_FILE = TreePath.of("services.*.env_file");
    private static final TreePath SECRETS = TreePath.of("services.*.secrets");
    private static final TreePath CONFIGS = TreePath.of("services.*.configs");
    private static final TreePath DEVICES = TreePath.of("services.*.devices");

    /**
     * The lists of plain values that hold a set (compose-go's {@code unique} paths); any other
     * list — {@code command}, {@code entrypoint}, {@code healthcheck.test} — keeps every item in
     * order, repeats included ({@code ["psql", "-v", "a=1", "-v", "b=2"]}).
     */
    private static final List<TreePath> SCALAR_SETS = java.util.stream.Stream.of(
            "services.*.cap_add", "services.*.cap_drop", "services.*.dns", "services.*.dns_opt", "services.*.dns_search",
            "services.*.expose", "services.*.links", "services.*.external_links", "services.*.networks.*.aliases",
            "services.*.networks.*.link_local_ips", "services.*.profiles", "services.*.tmpfs", "services.*.volumes_from",
            "services.*.extra_hosts", "services.*.build.tags", "services.*.build.platforms", "services.*.build.cache_from",
            "services.*.build.cache_to", "services.*.build.extra_hosts", "services.*.security_opt", "services.*.group_add",
            "services.*.env_file", "services.*.ports", "services.*.volumes", "services.*.secrets", "services.*.configs",
            "services.*.devices", "services.*.device_cgroup_rules", "services.*.labels", "services.*.environment",
            "services.*.annotations", "services.*.build.args", "services.*.build.labels", "services.*.sysctls",
            "services.*.deploy.labels", "networks.*.labels", "volumes.*.labels")
        .map(TreePath::of).toList();

    private Unicity() {
    }

    static List<Node> deduplicate(List<Node> items, TreePath path) {
        Map<String, Node> byKey = new LinkedHashMap<>();
        List<Node> unkeyed = new ArrayList<>();
        for (Node item : items) {
            String key = key(item, path);
            if (key == null) {
                unkeyed.add(item);
            } else {
                byKey.put(key, item);
            }
        }
        if (unkeyed.isEmpty()) {
            return new ArrayList<>(byKey.values());
        }
        return items;
    }

    private static String key(Node item, TreePath path) {
        if (Nodes.isScalar(item)) {
            return SCALAR_SETS.stream().anyMatch(path::matches) ? Nodes.text(item) : null;
        }
        if (!(item instanceof MappingNode mapping)) {
            return null;
        }
        if (path.matches(PORTS)) {
            String protocol = text(mapping, "protocol");
            return text(mapping, "host_ip") + "|" + text(mapping, "published") + "|" + text(mapping, "target")
                    + "|" + (protocol.isEmpty() ? "tcp" : protocol);
        }
        if (path.matches(VOLUMES)) {
            return text(mapping, "target");
        }
        if (path.matches(ENV_FILE)) {
            return text(mapping, "path");
        }
        if (path.matches(SECRETS) || path.matches(CONFIGS)) {
            return text(mapping, "source");
        }
        if (path.matches(DEVICES)) {
            return text(mapping, "source") + "|" + text(mapping, "target");
        }
        return null;
    }

    private static String text(MappingNode mapping, String key) {
        Node value = Nodes.get(mapping, key);
        return Nodes.isScalar(value) ? Nodes.text(value) : "";
    }
}
