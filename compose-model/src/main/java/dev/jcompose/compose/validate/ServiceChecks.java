package dev.jcompose.compose.validate;

import dev.jcompose.compose.tree.Nodes;
import dev.jcompose.compose.tree.Problems;
import dev.jcompose.compose.tree.Suggestions;
import dev.jcompose.compose.tree.TreePath;
import dev.jcompose.compose.validate.ConsistencyCheck.Project;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;

/** The checks of {@link ConsistencyCheck}, one method per rule. */
final class ServiceChecks {

    private ServiceChecks() {
    }

    static void imageOrBuild(Project project, String name, MappingNode service, TreePath path) {
        if (!Nodes.isScalar(Nodes.get(service, "image")) && !(Nodes.get(service, "build") instanceof MappingNode)) {
            throw Problems.invalid(service, path, "a service needs an image or a build section");
        }
    }

    static void links(Project project, String name, MappingNode service, TreePath path) {
        List<Node> links = Nodes.items(Nodes.get(service, "links"));
        for (int i = 0; i < links.size(); i++) {
            String target = Nodes.text(links.get(i)).split(":", 2)[0];
            if (!ConsistencyCheck.isService(project, target)) {
                throw ConsistencyCheck.unknownService(project, links.get(i), path.key("links").index(i), target);
            }
        }
    }

    static void volumesFrom(Project project, String name, MappingNode service, TreePath path) {
        List<Node> sources = Nodes.items(Nodes.get(service, "volumes_from"));
        for (int i = 0; i < sources.size(); i++) {
            String text = Nodes.text(sources.get(i));
            String target = text.split(":", 2)[0];
            if (!text.startsWith("container:") && !ConsistencyCheck.isService(project, target)) {
                throw ConsistencyCheck.unknownService(project, sources.get(i), path.key("volumes_from").index(i),
                        target);
            }
        }
    }

    static void networkMode(Project project, String name, MappingNode service, TreePath path) {
        Node mode = Nodes.get(service, "network_mode");
        if (!Nodes.isScalar(mode)) {
            return;
        }
        String text = Nodes.text(mode);
        if (text.startsWith("service:") && !ConsistencyCheck.isService(project, text.substring(8))) {
            throw ConsistencyCheck.unknownService(project, mode, path.key("network_mode"), text.substring(8));
        }
        if (Nodes.get(service, "networks") instanceof MappingNode networks && !networks.getValue().isEmpty()) {
            throw Problems.invalid(ConsistencyCheck.key(service, "networks"), path, "network_mode and networks"
                    + " cannot both be set (a service with network_mode: " + text + " joins no network itself)");
        }
    }

    static void dependsOn(Project project, String name, MappingNode service, TreePath path) {
        MappingNode dependsOn = Nodes.getMapping(service, "depends_on");
        if (dependsOn == null) {
            return;
        }
        TreePath base = path.key("depends_on");
        for (Map.Entry<String, Node> e : Nodes.entries(dependsOn, base).entrySet()) {
            if (ConsistencyCheck.isService(project, e.getKey())) {
                continue;
            }
            Node required = e.getValue() instanceof MappingNode m ? Nodes.get(m, "required") : null;
            Node at = ConsistencyCheck.key(dependsOn, e.getKey());
            if (Nodes.isScalar(required) && Nodes.text(required).equalsIgnoreCase("false")) {
                project.warnings().add(at, base.key(e.getKey()) + ": service " + Problems.quote(e.getKey())
                        + " is not defined; ignored because the dependency is not required");
                Nodes.remove(dependsOn, e.getKey());
            } else {
                throw ConsistencyCheck.unknownService(project, at, base.key(e.getKey()), e.getKey());
            }
        }
    }

    static void networksDeclared(Project project, String name, MappingNode service, TreePath path) {
        MappingNode networks = Nodes.getMapping(service, "networks");
        if (networks == null) {
            return;
        }
        for (String network : Nodes.entries(networks, path.key("networks")).keySet()) {
            if (!project.networks().contains(network)) {
                throw Problems.invalid(ConsistencyCheck.key(networks, network), path.key("networks").key(network),
                        "network " + Problems.quote(network) + " is not declared"
                        + Suggestions.didYouMean(network, project.networks()) + "; add it under the top-level"
                        + " \"networks:\" key (networks: {" + network + ": {}})");
            }
        }
    }

    static void volumesDeclared(Project project, String name, MappingNode service, TreePath path) {
        List<Node> volumes = Nodes.items(Nodes.get(service, "volumes"));
        for (int i = 0; i < volumes.size(); i++) {
            MappingNode volume = (MappingNode) volumes.get(i);
            Node type = Nodes.get(volume, "type");
            Node source = Nodes.get(volume, "source");
            if (Nodes.isScalar(type) && Nodes.text(type).equals("volume") && Nodes.isScalar(source)
                    && !project.volumes().contains(Nodes.text(source))) {
                String volumeName = Nodes.text(source);
                throw Problems.invalid(source, path.key("volumes").index(i), "volume " + Problems.quote(volumeName)
                        + " is not declared; add it under the top-level \"volumes:\" key (volumes: {" + volumeName
                        + ": {}}), or write ./" + volumeName + " to bind-mount a directory");
            }
        }
    }

    static void containerNameAndScale(Project project, String name, MappingNode service, TreePath path) {
        Node containerName = Nodes.get(service, "container_name");
        Node scale = Nodes.get(service, "scale");
        MappingNode deploy = Nodes.getMapping(service, "deploy");
        if (scale == null && deploy != null) {
            scale = Nodes.get(deploy, "replicas");
        }
        if (Nodes.isScalar(containerName) && Nodes.isScalar(scale) && !Nodes.text(scale).equals("1")
                && !Nodes.text(scale).equals("0")) {
            throw Problems.invalid(scale, path.key("scale"), "a service with container_name "
                    + Problems.quote(Nodes.text(containerName)) + " cannot run more than one container;"
                    + " remove container_name or the scale");
        }
    }

    /** Every {@code secrets}/{@code configs} entry names a top-level one. */
    static void referencesDeclared(Project project, MappingNode service, TreePath path, String kind) {
        List<Node> items = Nodes.items(Nodes.get(service, kind));
        java.util.Set<String> declared = kind.equals("secrets") ? project.secrets() : project.configs();
        for (int i = 0; i < items.size(); i++) {
            Node source = items.get(i) instanceof MappingNode m ? Nodes.get(m, "source") : null;
            if (!Nodes.isScalar(source)) {
                throw Problems.invalid(items.get(i), path.key(kind).index(i), "needs a source (the name of a top-level "
                        + kind.substring(0, kind.length() - 1) + ")");
            }
            String name = Nodes.text(source);
            if (!declared.contains(name)) {
                throw Problems.invalid(source, path.key(kind).index(i), kind.substring(0, kind.length() - 1) + " "
                        + Problems.quote(name) + " is not declared" + Suggestions.didYouMean(name, declared)
                        + "; add it under the top-level \"" + kind + ":\" key (" + kind + ": {" + name
                        + ": {file: ./" + name + ".txt}})");
            }
        }
    }
}
