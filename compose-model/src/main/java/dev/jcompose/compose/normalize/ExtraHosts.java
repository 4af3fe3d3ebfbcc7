package dev.jcompose.compose.normalize;

import dev.jcompose.compose.tree.Nodes;
import dev.jcompose.compose.tree.Problems;
import dev.jcompose.compose.tree.TreePath;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;

/**
 * {@code extra_hosts} as Docker takes them, a list of {@code HOST:IP}: from a mapping
 * ({@code host: ip} or {@code host: [ip, ip]}) or a list of {@code HOST:IP} / {@code HOST=IP}.
 */
final class ExtraHosts {

    private ExtraHosts() {
    }

    static void toList(MappingNode service, TreePath servicePath) {
        Node value = Nodes.get(service, "extra_hosts");
        TreePath path = servicePath.key("extra_hosts");
        List<Node> out = new ArrayList<>();
        if (value instanceof MappingNode mapping) {
            for (Map.Entry<String, Node> e : Nodes.entries(mapping, path).entrySet()) {
                List<Node> ips = Nodes.isScalar(e.getValue()) ? List.of(e.getValue()) : Nodes.items(e.getValue());
                for (Node ip : ips) {
                    out.add(Nodes.scalar(e.getKey() + ":" + Nodes.text(ip), ip));
                }
            }
        } else {
            List<Node> items = Nodes.items(value);
            for (int i = 0; i < items.size(); i++) {
                String text = Nodes.text(items.get(i));
                int eq = text.indexOf('=');
                int colon = text.indexOf(':');
                int split = eq >= 0 ? eq : colon;
                if (split <= 0 || split == text.length() - 1) {
                    throw Problems.invalid(items.get(i), path.index(i), Problems.quote(text)
                            + " is not a valid extra host (expected HOST:IP)");
                }
                out.add(Nodes.scalar(text.substring(0, split) + ":" + text.substring(split + 1), items.get(i)));
            }
        }
        if (value != null && !Nodes.isNull(value)) {
            Nodes.put(service, "extra_hosts", Nodes.sequence(out, value));
        }
    }
}
