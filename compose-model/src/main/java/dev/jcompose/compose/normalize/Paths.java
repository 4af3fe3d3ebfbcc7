package dev.jcompose.compose.normalize;

import java.nio.file.Path;

/**
 * Resolves paths written in Compose files: relative to the project directory (for every
 * {@code -f} file alike), {@code ~} to the home directory.
 */
final class Paths {

    private final Path projectDir;
    private final Path home;

    Paths(Path projectDir, Path home) {
        this.projectDir = projectDir;
        this.home = home;
    }

    String resolve(String path) {
        if (path.equals("~") || path.startsWith("~/")) {
            return home.resolve(path.equals("~") ? "" : path.substring(2)).normalize().toString();
        }
        return projectDir.resolve(path).normalize().toString();
    }

    /** A build context may be a URL or a git reference, which stay as they are. */
    String resolveContext(String context) {
        boolean remote = context.contains("://") || context.startsWith("git@") || context.startsWith("github.com/");
        return remote ? context : resolve(context);
    }

    /** How a file is named in messages: relative to the project directory when inside it. */
    String display(Path file) {
        Path absolute = file.toAbsolutePath().normalize();
        return absolute.startsWith(projectDir) ? projectDir.relativize(absolute).toString() : absolute.toString();
    }

    Path path(String resolved) {
        return Path.of(resolved);
    }
}
