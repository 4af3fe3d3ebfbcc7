package dev.jcompose.compose.normalize;

import dev.jcompose.compose.tree.Nodes;
import dev.jcompose.compose.tree.TreePath;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;

/**
 * Makes the paths of a canonical tree absolute against one directory: build contexts (a
 * missing one is that directory), bind mount sources, {@code env_file} and {@code label_file}
 * paths, and the {@code file} of top-level secrets and configs. {@code ~} is the home
 * directory; absolute paths, URLs and git references stay as they are, so resolving twice
 * changes nothing. The normalizer applies it to the merged project against the project
 * directory; {@code include} and {@code extends} apply it first to what they bring in from
 * another directory, against that directory.
 */
public final class RelativePaths {

    private final Paths paths;

    public RelativePaths(Path baseDir, Path home) {
        this.paths = new Paths(baseDir, home);
    }

    /** Every service of a file or project, and its top-level secrets and configs. */
    public void resolveProject(MappingNode root) {
        MappingNode services = Nodes.getMapping(root, "services");
        if (services != null) {
            for (Map.Entry<String, Node> e : Nodes.entries(services, TreePath.root().key("services")).entrySet()) {
                if (e.getValue() instanceof MappingNode service) {
                    resolveService(service);
                }
            }
        }
        for (String kind : List.of("secrets", "configs")) {
            MappingNode resources = Nodes.getMapping(root, kind);
            if (resources == null) {
                continue;
            }
            for (Node resource : Nodes.entries(resources, TreePath.root().key(kind)).values()) {
                if (resource instanceof MappingNode mapping) {
                    resolve(mapping, "file");
                }
            }
        }
    }

    /** One canonical service. */
    public void resolveService(MappingNode service) {
        MappingNode build = Nodes.getMapping(service, "build");
        if (build != null) {
            Node context = Nodes.get(build, "context");
            String text = Nodes.isScalar(context) ? Nodes.text(context) : ".";
            Nodes.put(build, "context", Nodes.scalar(paths.resolveContext(text), context == null ? build : context));
        }
        for (Node volume : Nodes.items(Nodes.get(service, "volumes"))) {
            if (volume instanceof MappingNode mapping) {
                Node type = Nodes.get(mapping, "type");
                if (Nodes.isScalar(type) && Nodes.text(type).equals("bind")) {
                    resolve(mapping, "source");
                }
            }
        }
        for (Node envFile : Nodes.items(Nodes.get(service, "env_file"))) {
            if (envFile instanceof MappingNode mapping) {
                resolve(mapping, "path");
            }
        }
        Node labelFile = Nodes.get(service, "label_file");
        if (Nodes.isScalar(labelFile)) {
            Nodes.put(service, "label_file", Nodes.scalar(paths.resolve(Nodes.text(labelFile)), labelFile));
        }
        for (int i = 0; i < Nodes.items(labelFile).size(); i++) {
            Node item = Nodes.items(labelFile).get(i);
            if (Nodes.isScalar(item)) {
                Nodes.items(labelFile).set(i, Nodes.scalar(paths.resolve(Nodes.text(item)), item));
            }
        }
    }

    private void resolve(MappingNode mapping, String key) {
        Node value = Nodes.get(mapping, key);
        if (Nodes.isScalar(value)) {
            Nodes.put(mapping, key, Nodes.scalar(paths.resolve(Nodes.text(value)), value));
        }
    }
}
