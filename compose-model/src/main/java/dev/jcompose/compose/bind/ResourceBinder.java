package dev.jcompose.compose.bind;

import dev.jcompose.compose.model.FileObjectConfig;
import dev.jcompose.compose.model.NetworkConfig;
import dev.jcompose.compose.model.VolumeConfig;
import dev.jcompose.compose.tree.Nodes;
import dev.jcompose.compose.tree.Problems;
import dev.jcompose.compose.tree.TreePath;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;

/** Binds top-level networks and volumes. */
final class ResourceBinder {

    /** What an external resource may still say, as compose-go's {@code checkConsistency}. */
    private static final Set<String> EXTERNAL_KEYS = Set.of("name", "external", "labels");

    private ResourceBinder() {
    }

    static NetworkConfig network(MappingNode n, TreePath path) {
        boolean external = external(n, path);
        MappingNode ipam = Nodes.getMapping(n, "ipam");
        NetworkConfig.Ipam boundIpam = null;
        if (ipam != null) {
            List<NetworkConfig.Pool> pools = new ArrayList<>();
            List<Node> config = Nodes.items(Nodes.get(ipam, "config"));
            for (int i = 0; i < config.size(); i++) {
                MappingNode pool = (MappingNode) config.get(i);
                TreePath poolPath = path.key("ipam").key("config").index(i);
                pools.add(new NetworkConfig.Pool(Values.string(pool, "subnet"), Values.string(pool, "gateway"),
                        Values.string(pool, "ip_range"), Values.map(pool, "aux_addresses", poolPath, "")));
            }
            boundIpam = new NetworkConfig.Ipam(Values.string(ipam, "driver"), pools);
        }
        return new NetworkConfig(Values.string(n, "name"), Values.string(n, "driver"),
                Values.map(n, "driver_opts", path, ""), external, Values.map(n, "labels", path, ""), boundIpam,
                Values.bool(n, "internal", path, false), Values.bool(n, "attachable", path, false),
                Values.bool(n, "enable_ipv6", path, false));
    }

    static VolumeConfig volume(MappingNode v, TreePath path) {
        boolean external = external(v, path);
        return new VolumeConfig(Values.string(v, "name"), Values.string(v, "driver"),
                Values.map(v, "driver_opts", path, ""), external, Values.map(v, "labels", path, ""));
    }

    /**
     * A top-level secret or config: exactly one source of content ({@code file},
     * {@code environment}, {@code content} for configs, or {@code external}).
     */
    static FileObjectConfig fileObject(MappingNode c, TreePath path, boolean isConfig) {
        boolean external = external(c, path);
        List<String> sources = new ArrayList<>();
        for (String key : isConfig ? List.of("file", "environment", "content") : List.of("file", "environment")) {
            if (Values.string(c, key) != null) {
                sources.add(key);
            }
        }
        if (!external && sources.size() != 1 && Values.string(c, "driver") == null) {
            String expected = isConfig ? "file, environment, content or external: true"
                    : "file, environment or external: true";
            throw Problems.invalid(c, path, sources.isEmpty() ? "says nothing about its content (set one of "
                    + expected + ")" : "sets " + String.join(" and ", sources) + "; set only one of " + expected);
        }
        return new FileObjectConfig(Values.string(c, "name"), Values.string(c, "file"),
                Values.string(c, "environment"), Values.string(c, "content"), external,
                Values.map(c, "labels", path, ""), Values.string(c, "driver"), Values.map(c, "driver_opts", path, ""),
                Values.string(c, "template_driver"));
    }

    private static boolean external(MappingNode resource, TreePath path) {
        boolean external = Values.bool(resource, "external", path, false);
        if (external) {
            for (NodeTuple tuple : resource.getValue()) {
                String key = Nodes.keyText(tuple, path);
                if (!EXTERNAL_KEYS.contains(key) && !key.startsWith("x-")) {
                    throw Problems.invalid(tuple.getKeyNode(), path, "an external resource is created outside"
                            + " this project, so " + Problems.quote(key) + " cannot be set on it");
                }
            }
        }
        return external;
    }
}
