package dev.jcompose.compose.include;

import dev.jcompose.compose.tree.Nodes;
import dev.jcompose.compose.tree.Problems;
import dev.jcompose.compose.tree.TreePath;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;

/**
 * Phase include (per file, after canonicalize; compose-go's {@code ApplyInclude}): each entry
 * of a top-level {@code include} is loaded as a project of its own (its files merged, its
 * paths resolved against its project directory, interpolated with its own env files), and its
 * services, networks, volumes, secrets, configs and models are added to the including file. A
 * name that both define is an error, unless both definitions are the same: an included
 * resource is not merged, it is imported.
 */
public final class Includer {

    private static final List<String> KINDS = List.of("services", "networks", "volumes", "secrets", "configs",
            "models");

    /**
     * One entry of {@code include}, paths absolute.
     *
     * @param files the files to load, merged in order (the short syntax has one)
     * @param projectDirectory where the included project's relative paths resolve, or null for
     *     the first file's directory
     * @param envFiles variables for its interpolation, or empty for its project directory's {@code .env}
     */
    public record Include(List<Path> files, Path projectDirectory, List<Path> envFiles, Node at, TreePath path) {
        public Include {
            files = List.copyOf(files);
            envFiles = List.copyOf(envFiles);
        }

        /** The included project's directory. */
        public Path directory() {
            return projectDirectory != null ? projectDirectory : files.get(0).getParent();
        }
    }

    private Includer() {
    }

    /** Takes the {@code include} entries out of a file's tree; relative paths resolve against {@code baseDir}. */
    public static List<Include> take(MappingNode root, Path baseDir) {
        Node include = Nodes.remove(root, "include");
        List<Include> out = new ArrayList<>();
        TreePath base = TreePath.root().key("include");
        List<Node> items = Nodes.items(include);
        for (int i = 0; i < items.size(); i++) {
            Node item = items.get(i);
            TreePath path = base.index(i);
            if (Nodes.isScalar(item)) {
                out.add(new Include(List.of(baseDir.resolve(Nodes.text(item)).normalize()), null, List.of(), item, path));
                continue;
            }
            MappingNode entry = (MappingNode) item;
            List<Path> files = paths(Nodes.get(entry, "path"), baseDir);
            if (files.isEmpty()) {
                throw Problems.invalid(item, path, "an include entry needs a path (the Compose file to include)");
            }
            Node dir = Nodes.get(entry, "project_directory");
            out.add(new Include(files, Nodes.isScalar(dir) ? baseDir.resolve(Nodes.text(dir)).normalize() : null,
                    paths(Nodes.get(entry, "env_file"), baseDir), item, path));
        }
        return out;
    }

    private static List<Path> paths(Node node, Path baseDir) {
        List<Path> out = new ArrayList<>();
        for (Node item : Nodes.isScalar(node) ? List.of(node) : Nodes.items(node)) {
            if (Nodes.isScalar(item)) {
                out.add(baseDir.resolve(Nodes.text(item)).normalize());
            }
        }
        return out;
    }

    /** Adds an included project's resources to {@code root}, after its own; a conflicting name is an error. */
    public static void merge(MappingNode root, MappingNode included, Include include) {
        for (String kind : KINDS) {
            MappingNode theirs = Nodes.getMapping(included, kind);
            if (theirs == null || theirs.getValue().isEmpty()) {
                continue;
            }
            MappingNode ours = Nodes.getMapping(root, kind);
            if (ours == null) {
                ours = Nodes.mapping(theirs);
                Nodes.put(root, kind, ours);
            }
            TreePath kindPath = TreePath.root().key(kind);
            for (Map.Entry<String, Node> e : Nodes.entries(theirs, kindPath).entrySet()) {
                Node mine = Nodes.get(ours, e.getKey());
                if (mine == null) {
                    ours.getValue().add(new NodeTuple(Nodes.scalar(e.getKey(), e.getValue()), e.getValue()));
                } else if (!Nodes.sameContent(mine, e.getValue())) {
                    throw Problems.invalid(keyNode(ours, e.getKey()), kindPath.key(e.getKey()), "is defined here and"
                            + " also by the included " + describe(include) + "; an included resource is imported,"
                            + " not merged: rename one of them, or change it in a file given with -f");
                }
            }
        }
    }

    private static String describe(Include include) {
        return include.files().size() == 1 ? "file " + include.files().get(0)
                : "files " + include.files();
    }

    private static Node keyNode(MappingNode mapping, String key) {
        for (NodeTuple tuple : mapping.getValue()) {
            if (Nodes.isScalar(tuple.getKeyNode()) && Nodes.text(tuple.getKeyNode()).equals(key)) {
                return tuple.getKeyNode();
            }
        }
        return mapping;
    }
}
