package dev.jcompose.compose.loader;

import dev.jcompose.compose.ComposeFileException;
import dev.jcompose.compose.bind.ProjectBinder;
import dev.jcompose.compose.merge.Merger;
import dev.jcompose.compose.model.Project;
import dev.jcompose.compose.normalize.Normalizer;
import dev.jcompose.compose.parse.YamlParser;
import dev.jcompose.compose.tree.Warnings;
import dev.jcompose.compose.validate.ConsistencyCheck;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.nodes.MappingNode;

/**
 * Loads a Compose project: the phases of {@code PARSING.md}, in order. Per file: parse,
 * interpolate, schema check, canonicalize, include; then merge the files, extends, normalize,
 * check consistency, and bind to a {@link Project}.
 *
 * <pre>{@code
 * Project project = ProjectLoader.load(ProjectOptions.of(cwd)
 *         .withFiles(List.of(Path.of("compose.yaml")))
 *         .withEnvironment(System.getenv())
 *         .withProjectName(null));
 * }</pre>
 *
 * @throws ComposeFileException from every method, located at {@code file:line:column}
 */
public final class ProjectLoader {

    private ProjectLoader() {
    }

    /**
     * Loads from a working directory, files ({@code -f}, relative to it; empty to discover),
     * the process environment and {@code -p} (null when not given).
     */
    public static Project load(Path workingDir, List<Path> files, Map<String, String> environment, String name) {
        return load(ProjectOptions.of(workingDir).withFiles(files).withEnvironment(environment).withProjectName(name));
    }

    public static Project load(ProjectOptions options) {
        ComposeFiles.Resolved files = ComposeFiles.resolve(options);
        List<Source> sources = new ArrayList<>();
        for (Path file : files.files()) {
            sources.add(new Source(file, ComposeFiles.display(options, file), null));
        }
        return load(options, files.projectDir(), sources, files.notes());
    }

    /**
     * Loads one file's text, as if it were {@code fileName} in the project directory (the
     * working directory unless set): {@code -f -} reads standard input this way, and tests
     * load strings.
     */
    public static Project loadContent(ProjectOptions options, String fileName, String content) {
        Path dir = options.projectDirectory() != null ? options.projectDirectory() : options.workingDir();
        return load(options, dir, List.of(new Source(dir.resolve(fileName), fileName, content)), List.of());
    }

    private static Project load(ProjectOptions options, Path projectDir, List<Source> sources, List<String> notes) {
        Warnings warnings = new Warnings();
        notes.forEach(note -> warnings.add(null, note));
        Map<String, String> environment = new HashMap<>(ProjectEnvironment.load(options, projectDir));
        List<MappingNode> trees = new ArrayList<>();
        for (Source source : sources) {
            trees.add(source.content() == null ? YamlParser.read(source.path(), source.displayName())
                    : YamlParser.parse(source.content(), source.displayName()));
        }
        String name = ProjectNames.resolve(options.projectName(), environment, trees, projectDir);
        environment.put("COMPOSE_PROJECT_NAME", name);
        FilePhases phases = new FilePhases(options, warnings, environment);
        for (int i = 0; i < trees.size(); i++) {
            phases.prepare(trees.get(i), environment);
            phases.include(trees.get(i), projectDir, environment, List.of(sources.get(i).path()));
        }
        MappingNode merged = Merger.mergeAll(trees);
        phases.extend(merged, projectDir, environment);
        new Normalizer(name, projectDir, environment).normalize(merged);
        ConsistencyCheck.check(merged, warnings);
        return ProjectBinder.bind(merged, name, projectDir, warnings.list(),
                sources.stream().map(Source::path).toList());
    }

    /** One file to load: from disk when {@code content} is null. */
    private record Source(Path path, String displayName, String content) {
    }
}
