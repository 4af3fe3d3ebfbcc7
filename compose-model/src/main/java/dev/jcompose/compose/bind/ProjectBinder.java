package dev.jcompose.compose.bind;

import dev.jcompose.compose.model.FileObjectConfig;
import dev.jcompose.compose.model.NetworkConfig;
import dev.jcompose.compose.model.Project;
import dev.jcompose.compose.model.ServiceConfig;
import dev.jcompose.compose.model.VolumeConfig;
import dev.jcompose.compose.tree.Nodes;
import dev.jcompose.compose.tree.TreePath;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;

/**
 * Phase 8, bind: the normalized, checked tree to immutable records. The only phase that
 * knows the model's types; scalar formats (durations, sizes, ports) are parsed here.
 */
public final class ProjectBinder {

    private ProjectBinder() {
    }

    public static Project bind(MappingNode root, String name, Path workingDir, List<String> warnings,
            List<Path> composeFiles) {
        List<ServiceConfig> services = new ArrayList<>();
        for (Map.Entry<String, Node> e : entries(root, "services").entrySet()) {
            services.add(ServiceBinder.bind(e.getKey(), (MappingNode) e.getValue(),
                    TreePath.root().key("services").key(e.getKey())));
        }
        Map<String, NetworkConfig> networks = new LinkedHashMap<>();
        entries(root, "networks").forEach((key, node) -> networks.put(key,
                ResourceBinder.network((MappingNode) node, TreePath.root().key("networks").key(key))));
        Map<String, VolumeConfig> volumes = new LinkedHashMap<>();
        entries(root, "volumes").forEach((key, node) -> volumes.put(key,
                ResourceBinder.volume((MappingNode) node, TreePath.root().key("volumes").key(key))));
        Map<String, FileObjectConfig> secrets = new LinkedHashMap<>();
        entries(root, "secrets").forEach((key, node) -> secrets.put(key,
                ResourceBinder.fileObject((MappingNode) node, TreePath.root().key("secrets").key(key), false)));
        Map<String, FileObjectConfig> configs = new LinkedHashMap<>();
        entries(root, "configs").forEach((key, node) -> configs.put(key,
                ResourceBinder.fileObject((MappingNode) node, TreePath.root().key("configs").key(key), true)));
        Map<String, Object> models = new LinkedHashMap<>();
        entries(root, "models").forEach((key, node) -> models.put(key, ExtraBinder.plain(node)));
        return new Project(name, workingDir, services, networks, volumes, warnings, composeFiles, secrets, configs,
                models);
    }

    private static Map<String, Node> entries(MappingNode root, String key) {
        MappingNode node = Nodes.getMapping(root, key);
        return node == null ? Map.of() : Nodes.entries(node, TreePath.root().key(key));
    }
}
