package dev.jcompose.compose.loader;

import dev.jcompose.compose.dotenv.DotEnv;
import dev.jcompose.compose.extend.Extender;
import dev.jcompose.compose.include.Includer;
import dev.jcompose.compose.include.Includer.Include;
import dev.jcompose.compose.interpolate.Interpolator;
import dev.jcompose.compose.merge.Merger;
import dev.jcompose.compose.normalize.Canonicalizer;
import dev.jcompose.compose.normalize.RelativePaths;
import dev.jcompose.compose.parse.YamlParser;
import dev.jcompose.compose.tree.Problems;
import dev.jcompose.compose.tree.Warnings;
import dev.jcompose.compose.validate.SchemaCheck;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.nodes.MappingNode;

/**
 * The per-file phases (parse, interpolate, schema check, canonicalize), then include, and
 * extends on merged trees: what {@link ProjectLoader} runs for the {@code -f} files, and again
 * for every file that {@code include} or {@code extends} brings in.
 */
final class FilePhases {

    /** How deep includes may nest: deeper is surely a mistake (cycles are caught on their own). */
    private static final int MAX_INCLUDE_DEPTH = 32;

    private final ProjectOptions options;
    private final Warnings warnings;
    private final Path home;

    FilePhases(ProjectOptions options, Warnings warnings, Map<String, String> environment) {
        this.options = options;
        this.warnings = warnings;
        this.home = Path.of(environment.getOrDefault("HOME", System.getProperty("user.home")));
    }

    /** Interpolate, schema check, canonicalize one parsed file. */
    void prepare(MappingNode tree, Map<String, String> environment) {
        if (options.interpolate()) {
            new Interpolator(environment, warnings).interpolate(tree);
        }
        new SchemaCheck(warnings).check(tree);
        new Canonicalizer().canonicalize(tree);
    }

    /** A file from disk through {@link #prepare}. */
    MappingNode load(Path file, Map<String, String> environment) {
        MappingNode tree = YamlParser.read(file, ComposeFiles.display(options, file));
        prepare(tree, environment);
        return tree;
    }

    /**
     * Imports the projects named by the tree's {@code include}; {@code chain} holds the files
     * that include this one, so a file that includes itself is an error.
     */
    void include(MappingNode tree, Path baseDir, Map<String, String> environment, List<Path> chain) {
        for (Include include : Includer.take(tree, baseDir)) {
            for (Path file : include.files()) {
                if (chain.contains(file)) {
                    List<String> cycle = new ArrayList<>(chain.stream().map(Path::toString).toList());
                    cycle.add(file.toString());
                    throw Problems.invalid(include.at(), include.path(), "include cycle: " + String.join(" -> ", cycle));
                }
            }
            if (chain.size() > MAX_INCLUDE_DEPTH) {
                throw Problems.invalid(include.at(), include.path(), "includes nest more than " + MAX_INCLUDE_DEPTH
                        + " deep");
            }
            Includer.merge(tree, loadIncluded(include, environment, chain), include);
        }
    }

    private MappingNode loadIncluded(Include include, Map<String, String> parentEnvironment, List<Path> chain) {
        Path dir = include.directory();
        Map<String, String> environment = new HashMap<>(parentEnvironment);
        List<Path> envFiles = include.envFiles();
        if (envFiles.isEmpty() && Files.isRegularFile(dir.resolve(".env"))) {
            envFiles = List.of(dir.resolve(".env"));
        }
        for (Path envFile : envFiles) {
            if (!Files.isRegularFile(envFile)) {
                throw Problems.notFound(include.at(), include.path(), "env file " + envFile + " not found");
            }
            // As compose-go's Mapping.Merge: the including project's variables (the shell's among
            // them) win; the included project's env files only add the ones not set yet.
            DotEnv.read(envFile, ComposeFiles.display(options, envFile), environment::get)
                    .forEach(environment::putIfAbsent);
        }
        List<MappingNode> trees = new ArrayList<>();
        for (Path file : include.files()) {
            if (!Files.isRegularFile(file)) {
                throw Problems.notFound(include.at(), include.path(), "the included file " + file + " does not exist");
            }
            MappingNode tree = load(file, environment);
            List<Path> longer = new ArrayList<>(chain);
            longer.add(file);
            include(tree, dir, environment, longer);
            trees.add(tree);
        }
        MappingNode merged = Merger.mergeAll(trees);
        extend(merged, dir, environment);
        new RelativePaths(dir, home).resolveProject(merged);
        return merged;
    }

    /** Applies the {@code extends} of a merged tree; a base file is read with the same environment. */
    void extend(MappingNode merged, Path dir, Map<String, String> environment) {
        new Extender(file -> Merger.mergeAll(List.of(load(file, environment))), home).apply(merged, dir);
    }
}
