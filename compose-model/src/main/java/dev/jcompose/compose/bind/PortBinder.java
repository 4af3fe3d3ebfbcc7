package dev.jcompose.compose.bind;

import dev.jcompose.compose.model.PortConfig;
import dev.jcompose.compose.tree.Problems;
import dev.jcompose.compose.tree.TreePath;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;

/** Binds the long-syntax {@code ports} entries (the canonicalizer expanded the short ones). */
final class PortBinder {

    private static final Pattern PUBLISHED = Pattern.compile("^\\d+(-\\d+)?$");

    private PortBinder() {
    }

    static List<PortConfig> bind(List<Node> items, TreePath path) {
        List<PortConfig> out = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            out.add(port((MappingNode) items.get(i), path.index(i)));
        }
        return out;
    }

    private static PortConfig port(MappingNode p, TreePath path) {
        String targetText = Values.string(p, "target");
        if (targetText == null) {
            throw Problems.invalid(p, path, "a port needs a target (the port inside the container)");
        }
        int target;
        try {
            target = Integer.parseInt(targetText.trim());
        } catch (NumberFormatException e) {
            target = -1;
        }
        if (target < 1 || target > 65535) {
            throw Values.error(p, "target", path, Problems.quote(targetText) + " is not a port number (1-65535)");
        }
        String published = Values.string(p, "published");
        if (published != null && published.isEmpty()) {
            published = null;
        }
        if (published != null && !PUBLISHED.matcher(published).matches()) {
            throw Values.error(p, "published", path, Problems.quote(published)
                    + " is not a port or a port range (such as 8080 or 8000-8010)");
        }
        String protocol = Values.oneOf(p, "protocol", path, Set.of("tcp", "udp", "sctp"), "tcp, udp or sctp");
        String mode = Values.oneOf(p, "mode", path, Set.of("ingress", "host"), "ingress or host");
        return new PortConfig(target, published, Values.string(p, "host_ip"), protocol, mode, Values.string(p, "name"),
                Values.string(p, "app_protocol"));
    }
}
