package dev.jcompose.compose.normalize;

import dev.jcompose.compose.ComposeFileException;
import dev.jcompose.compose.dotenv.DotEnv;
import dev.jcompose.compose.tree.Nodes;
import dev.jcompose.compose.tree.Problems;
import dev.jcompose.compose.tree.TreePath;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;

/**
 * Applies a service's {@code env_file}s to its {@code environment}: files in order, a later
 * file winning, and {@code environment} winning over all of them. Then a variable written
 * without a value ({@code - KEY}) takes its value from the project's environment, and stays
 * unset (null) when that has none.
 */
final class EnvFiles {

    private final Paths paths;
    private final Map<String, String> environment;

    EnvFiles(Paths paths, Map<String, String> environment) {
        this.paths = paths;
        this.environment = environment;
    }

    void apply(MappingNode service, TreePath path) {
        Node envFiles = Nodes.remove(service, "env_file");
        Map<String, Node> fromFiles = new LinkedHashMap<>();
        List<Node> items = Nodes.items(envFiles);
        for (int i = 0; i < items.size(); i++) {
            read((MappingNode) items.get(i), path.key("env_file").index(i), fromFiles);
        }
        MappingNode env = Nodes.getMapping(service, "environment");
        if (env == null) {
            if (fromFiles.isEmpty()) {
                return;
            }
            env = Nodes.mapping(envFiles);
            Nodes.put(service, "environment", env);
        }
        for (Map.Entry<String, Node> e : Nodes.entries(env, path).entrySet()) {
            fromFiles.remove(e.getKey());
            fromFiles.put(e.getKey(), e.getValue());
        }
        env.getValue().clear();
        for (Map.Entry<String, Node> e : fromFiles.entrySet()) {
            Node value = e.getValue();
            if (Nodes.isNull(value) && environment.get(e.getKey()) != null) {
                value = Nodes.scalar(environment.get(e.getKey()), value);
            }
            Nodes.put(env, e.getKey(), value);
        }
    }

    /**
     * Reads a service's {@code label_file}s (KEY=VALUE lines, as env files) into its
     * {@code labels}; a label written in the file itself wins.
     */
    void applyLabelFiles(MappingNode service, TreePath path) {
        Node labelFiles = Nodes.remove(service, "label_file");
        List<Node> items = Nodes.items(labelFiles);
        if (items.isEmpty()) {
            return;
        }
        Map<String, Node> labels = new LinkedHashMap<>();
        for (int i = 0; i < items.size(); i++) {
            Node item = items.get(i);
            Path file = paths.path(paths.resolve(Nodes.text(item)));
            if (!Files.isRegularFile(file)) {
                throw Problems.notFound(item, path.key("label_file").index(i), "label file " + file + " not found");
            }
            DotEnv.read(file, paths.display(file), name -> null)
                    .forEach((k, v) -> labels.put(k, Nodes.scalar(v, item)));
        }
        MappingNode existing = Nodes.getMapping(service, "labels");
        if (existing != null) {
            labels.putAll(Nodes.entries(existing, path.key("labels")));
        }
        MappingNode merged = Nodes.mapping(labelFiles);
        labels.forEach((k, v) -> Nodes.put(merged, k, v));
        Nodes.put(service, "labels", merged);
    }

    private void read(MappingNode entry, TreePath path, Map<String, Node> into) {
        Node pathNode = Nodes.get(entry, "path");
        Node required = Nodes.get(entry, "required");
        if (!Nodes.isScalar(pathNode)) {
            throw Problems.invalid(entry, path, "an env_file entry needs a path");
        }
        Path file = paths.path(paths.resolve(Nodes.text(pathNode)));
        if (!Files.isRegularFile(file)) {
            if (Nodes.isScalar(required) && Nodes.text(required).equalsIgnoreCase("false")) {
                return;
            }
            throw Problems.notFound(pathNode, path, "env file " + file + " not found (set required: false"
                    + " to make it optional)");
        }
        Map<String, String> values;
        Node format = Nodes.get(entry, "format");
        try {
            values = Nodes.isScalar(format) && Nodes.text(format).equals("raw") ? raw(file)
                    : DotEnv.read(file, paths.display(file), environment::get);
        } catch (ComposeFileException e) {
            throw new ComposeFileException(e.category(), e.file(), e.line(), e.column(), e.path(), e.problem() + " (env_file of " + path.parent().parent()
                    + ")", e);
        }
        if (Nodes.isScalar(format) && !Nodes.text(format).equals("raw")) {
            throw Problems.invalid(format, path.key("format"), Problems.quote(Nodes.text(format))
                    + " is not an env file format jcompose reads (leave it out for the dotenv format, or use raw)");
        }
        for (Map.Entry<String, String> e : values.entrySet()) {
            into.remove(e.getKey());
            into.put(e.getKey(), Nodes.scalar(e.getValue(), pathNode));
        }
    }

    /** {@code format: raw}: KEY=VALUE lines taken as written, no quotes, escapes or interpolation. */
    private static Map<String, String> raw(Path file) {
        Map<String, String> out = new LinkedHashMap<>();
        try {
            if (Files.size(file) > 4L * 1024 * 1024) {
                throw ComposeFileException.inFile(ComposeFileException.Category.INVALID, file.toString(),
                        "larger than 4 MiB; an env file holds KEY=VALUE lines");
            }
            for (String line : Files.readAllLines(file)) {
                if (line.isBlank() || line.stripLeading().startsWith("#")) {
                    continue;
                }
                int eq = line.indexOf('=');
                out.put(eq < 0 ? line.strip() : line.substring(0, eq).strip(), eq < 0 ? "" : line.substring(eq + 1));
            }
        } catch (java.io.IOException e) {
            throw ComposeFileException.inFile(ComposeFileException.Category.NOT_FOUND, file.toString(),
                    "cannot read the file: " + e.getMessage());
        }
        return out;
    }
}
