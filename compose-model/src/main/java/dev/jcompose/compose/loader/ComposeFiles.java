package dev.jcompose.compose.loader;

import dev.jcompose.compose.ComposeFileException;
import dev.jcompose.compose.ComposeFileException.Category;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Which files make up the project, and its directory, as Compose decides: the {@code -f}
 * files, else {@code COMPOSE_FILE}, else the first of {@link #NAMES} in the working directory
 * or its nearest parent that has one, plus the first {@link #OVERRIDE_NAMES} beside it.
 */
final class ComposeFiles {

    static final List<String> NAMES = List.of("compose.yaml", "compose.yml", "docker-compose.yml",
            "docker-compose.yaml");
    static final List<String> OVERRIDE_NAMES = List.of("compose.override.yml", "compose.override.yaml",
            "docker-compose.override.yml", "docker-compose.override.yaml");

    /** The files, absolute, and the project directory. */
    record Resolved(List<Path> files, Path projectDir, List<String> notes) {
    }

    private ComposeFiles() {
    }

    static Resolved resolve(ProjectOptions options) {
        List<Path> files = new ArrayList<>();
        for (Path file : options.files()) {
            files.add(options.workingDir().resolve(file).normalize());
        }
        String fromEnv = options.environment().get("COMPOSE_FILE");
        if (files.isEmpty() && fromEnv != null && !fromEnv.isEmpty()) {
            String separator = options.environment().getOrDefault("COMPOSE_PATH_SEPARATOR", ":");
            for (String file : fromEnv.split(Pattern.quote(separator))) {
                files.add(options.workingDir().resolve(file).normalize());
            }
        }
        if (!files.isEmpty()) {
            for (Path file : files) {
                if (!Files.isRegularFile(file)) {
                    throw ComposeFileException.inFile(Category.NOT_FOUND, display(options, file), "no such file");
                }
            }
            Path dir = options.projectDirectory() != null ? options.projectDirectory() : files.get(0).getParent();
            return new Resolved(files, dir, List.of());
        }
        return discover(options);
    }

    private static Resolved discover(ProjectOptions options) {
        Path start = options.projectDirectory() != null ? options.projectDirectory() : options.workingDir();
        for (Path dir = start; dir != null; dir = options.projectDirectory() != null ? null : dir.getParent()) {
            List<Path> found = existing(dir, NAMES);
            if (found.isEmpty()) {
                continue;
            }
            List<String> notes = new ArrayList<>();
            if (found.size() > 1) {
                notes.add("found multiple config files with supported names: " + found + "; using "
                        + found.get(0).getFileName());
            }
            List<Path> files = new ArrayList<>(List.of(found.get(0)));
            existing(dir, OVERRIDE_NAMES).stream().findFirst().ifPresent(files::add);
            return new Resolved(files, dir, notes);
        }
        throw ComposeFileException.of(Category.NOT_FOUND, "no configuration file provided: none of "
                + String.join(", ", NAMES) + " exists in " + start
                + (options.projectDirectory() != null ? "" : " or its parents") + " (name one with -f)");
    }

    private static List<Path> existing(Path dir, List<String> names) {
        List<Path> out = new ArrayList<>();
        for (String name : names) {
            if (Files.isRegularFile(dir.resolve(name))) {
                out.add(dir.resolve(name));
            }
        }
        return out;
    }

    /** How a file is named in messages: relative to the working directory when inside it. */
    static String display(ProjectOptions options, Path file) {
        Path absolute = file.toAbsolutePath().normalize();
        return absolute.startsWith(options.workingDir()) ? options.workingDir().relativize(absolute).toString()
                : absolute.toString();
    }
}
