package dev.jcompose.compose.extend;

import dev.jcompose.compose.merge.Merger;
import dev.jcompose.compose.normalize.RelativePaths;
import dev.jcompose.compose.tree.Nodes;
import dev.jcompose.compose.tree.Problems;
import dev.jcompose.compose.tree.Suggestions;
import dev.jcompose.compose.tree.TreePath;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;

/**
 * Phase extends (on the merged tree, as compose-go's {@code ApplyExtends}): a service with
 * {@code extends: {service: base, file: other.yaml}} (or {@code extends: base}, the same file)
 * becomes the base service, itself extended first, with the service merged over it by the
 * merge rules of {@code -f} files. Relative paths of a base from another file are resolved
 * against that file's directory before the merge. A chain that comes back to a service it
 * passed is an error naming the whole chain.
 */
public final class Extender {

    /** Reads another Compose file to a canonical tree (parse, interpolate, schema check, canonicalize). */
    public interface FileReader {
        MappingNode read(Path file);
    }

    private final FileReader reader;
    private final Path home;
    private final Map<Path, MappingNode> files = new HashMap<>();

    public Extender(FileReader reader, Path home) {
        this.reader = reader;
        this.home = home;
    }

    /** Applies every {@code extends} of {@code root}; its {@code file:}s resolve against {@code dir}. */
    public void apply(MappingNode root, Path dir) {
        MappingNode services = Nodes.getMapping(root, "services");
        if (services == null) {
            return;
        }
        for (String name : Nodes.entries(services, TreePath.root().key("services")).keySet()) {
            resolve(root, null, dir, name, new ArrayList<>());
        }
    }

    /** The service {@code name} of {@code root} (the file {@code file}, null for the project) with its extends applied. */
    private MappingNode resolve(MappingNode root, Path file, Path dir, String name, List<String> chain) {
        MappingNode services = Nodes.getMapping(root, "services");
        TreePath path = TreePath.root().key("services").key(name);
        MappingNode service = (MappingNode) Nodes.get(services, name);
        Node ref = Nodes.get(service, "extends");
        if (ref == null) {
            return service;
        }
        TreePath refPath = path.key("extends");
        String step = (file == null ? "" : file.getFileName() + ":") + name;
        if (chain.contains(step)) {
            List<String> cycle = new ArrayList<>(chain.subList(chain.indexOf(step), chain.size()));
            cycle.add(step);
            throw Problems.invalid(ref, refPath, "extends cycle: " + String.join(" -> ", cycle));
        }
        chain.add(step);
        String baseName = Nodes.isScalar(ref) ? Nodes.text(ref) : textOf(ref, "service");
        String fileText = Nodes.isScalar(ref) ? null : textOf(ref, "file");
        if (baseName == null || baseName.isEmpty()) {
            throw Problems.invalid(ref, refPath, "names no service (expected extends: NAME or extends: {service: NAME,"
                    + " file: FILE})");
        }
        MappingNode baseRoot = root;
        Path baseFile = file;
        Path baseDir = dir;
        if (fileText != null) {
            baseFile = dir.resolve(fileText).normalize();
            if (!Files.isRegularFile(baseFile)) {
                throw Problems.notFound(Nodes.get((MappingNode) ref, "file"), refPath.key("file"),
                        "the file " + baseFile + " does not exist");
            }
            baseRoot = files.computeIfAbsent(baseFile, reader::read);
            baseDir = baseFile.getParent();
        }
        MappingNode baseServices = Nodes.getMapping(baseRoot, "services");
        if (baseServices == null || !(Nodes.get(baseServices, baseName) instanceof MappingNode)) {
            List<String> known = baseServices == null ? List.of()
                    : new ArrayList<>(Nodes.entries(baseServices, TreePath.root().key("services")).keySet());
            throw Problems.invalid(ref, refPath, "service " + Problems.quote(baseName) + " is not defined"
                    + (fileText == null ? "" : " in " + baseFile) + Suggestions.didYouMean(baseName, known));
        }
        MappingNode base = (MappingNode) Nodes.deepCopy(resolve(baseRoot, baseFile, baseDir, baseName, chain));
        chain.remove(chain.size() - 1);
        if (!Objects.equals(baseFile, file)) {
            new RelativePaths(baseDir, home).resolveService(base);
        }
        Nodes.remove(base, "extends");
        Nodes.remove(service, "extends");
        MappingNode merged = Merger.mergeService(base, service, name);
        Nodes.put(services, name, merged);
        return merged;
    }

    private static String textOf(Node mapping, String key) {
        Node value = mapping instanceof MappingNode m ? Nodes.get(m, key) : null;
        return Nodes.isScalar(value) ? Nodes.text(value) : null;
    }
}
