package dev.jcompose.compose.normalize;

import dev.jcompose.compose.tree.Nodes;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;

/**
 * The dependencies a service has without saying so, as compose-go's {@code normalize.go}:
 * a link and {@code network_mode: service:x} need the other service started (and restart
 * with it), {@code volumes_from} needs it started. Explicit {@code depends_on} entries win.
 */
final class ImplicitDependencies {

    private ImplicitDependencies() {
    }

    static void add(MappingNode service) {
        for (Node link : Nodes.items(Nodes.get(service, "links"))) {
            String text = Nodes.text(link);
            int colon = text.indexOf(':');
            add(service, colon < 0 ? text : text.substring(0, colon), true, link);
        }
        Node networkMode = Nodes.get(service, "network_mode");
        if (Nodes.isScalar(networkMode) && Nodes.text(networkMode).startsWith("service:")) {
            add(service, Nodes.text(networkMode).substring("service:".length()), true, networkMode);
        }
        for (Node from : Nodes.items(Nodes.get(service, "volumes_from"))) {
            String text = Nodes.text(from);
            if (!text.startsWith("container:")) {
                int colon = text.indexOf(':');
                add(service, colon < 0 ? text : text.substring(0, colon), false, from);
            }
        }
    }

    private static void add(MappingNode service, String dependency, boolean restart, Node at) {
        Node dependsOn = Nodes.get(service, "depends_on");
        MappingNode mapping;
        if (dependsOn instanceof MappingNode existing) {
            mapping = existing;
        } else {
            mapping = Nodes.mapping(at);
            Nodes.put(service, "depends_on", mapping);
        }
        if (Nodes.get(mapping, dependency) != null) {
            return;
        }
        MappingNode entry = Nodes.mapping(at);
        Nodes.put(entry, "condition", Nodes.scalar("service_started", at));
        Nodes.put(entry, "restart", Nodes.scalar(Boolean.toString(restart), at));
        Nodes.put(entry, "required", Nodes.scalar("true", at));
        Nodes.put(mapping, dependency, entry);
    }
}
