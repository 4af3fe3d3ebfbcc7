package dev.jcompose.compose.loader;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What to load: the CLI's global options. Start from {@link #of(Path)} and change with the
 * {@code with...} methods.
 *
 * @param workingDir where relative {@code files} resolve and where discovery starts (the CWD)
 * @param projectDirectory {@code --project-directory}, or null for the first file's directory
 * @param files {@code -f} files in order; empty to discover {@code compose.yaml} and friends
 * @param environment the process environment; the project's {@code .env} is added beneath it
 * @param projectName {@code -p}, or null
 * @param envFiles {@code --env-file} files replacing {@code .env}; empty for the default
 * @param interpolate false to leave {@code $VAR} expressions as written ({@code config --no-interpolate})
 */
public record ProjectOptions(Path workingDir, Path projectDirectory, List<Path> files, Map<String, String> environment,
        String projectName, List<Path> envFiles, boolean interpolate) {

    public ProjectOptions {
        workingDir = Objects.requireNonNull(workingDir, "workingDir").toAbsolutePath().normalize();
        projectDirectory = projectDirectory == null ? null : workingDir.resolve(projectDirectory).normalize();
        files = List.copyOf(files);
        environment = Map.copyOf(environment);
        envFiles = List.copyOf(envFiles);
    }

    public static ProjectOptions of(Path workingDir) {
        return new ProjectOptions(workingDir, null, List.of(), Map.of(), null, List.of(), true);
    }

    public ProjectOptions withProjectDirectory(Path dir) {
        return new ProjectOptions(workingDir, dir, files, environment, projectName, envFiles, interpolate);
    }

    public ProjectOptions withFiles(List<Path> newFiles) {
        return new ProjectOptions(workingDir, projectDirectory, newFiles, environment, projectName, envFiles, interpolate);
    }

    public ProjectOptions withEnvironment(Map<String, String> env) {
        return new ProjectOptions(workingDir, projectDirectory, files, env, projectName, envFiles, interpolate);
    }

    public ProjectOptions withProjectName(String name) {
        return new ProjectOptions(workingDir, projectDirectory, files, environment, name, envFiles, interpolate);
    }

    public ProjectOptions withEnvFiles(List<Path> newEnvFiles) {
        return new ProjectOptions(workingDir, projectDirectory, files, environment, projectName, newEnvFiles, interpolate);
    }

    public ProjectOptions withInterpolation(boolean enabled) {
        return new ProjectOptions(workingDir, projectDirectory, files, environment, projectName, envFiles, enabled);
    }
}
