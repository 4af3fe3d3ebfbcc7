package dev.jcompose.compose.loader;

import dev.jcompose.compose.dotenv.DotEnv;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The variables interpolation sees: the project directory's {@code .env} (or the
 * {@code --env-file}s, in order), beneath the process environment, which wins. They feed
 * interpolation only; containers get them only where the file references them.
 */
final class ProjectEnvironment {

    private ProjectEnvironment() {
    }

    static Map<String, String> load(ProjectOptions options, Path projectDir) {
        Map<String, String> process = options.environment();
        Map<String, String> merged = new HashMap<>();
        List<Path> envFiles = options.envFiles().stream().map(f -> options.workingDir().resolve(f)).toList();
        boolean disabled = "true".equalsIgnoreCase(process.getOrDefault("COMPOSE_DISABLE_ENV_FILE", ""))
                || "1".equals(process.get("COMPOSE_DISABLE_ENV_FILE"));
        if (envFiles.isEmpty() && !disabled && Files.isRegularFile(projectDir.resolve(".env"))) {
            envFiles = List.of(projectDir.resolve(".env"));
        }
        for (Path file : envFiles) {
            merged.putAll(DotEnv.read(file, ComposeFiles.display(options, file), name -> {
                String value = process.get(name);
                return value != null ? value : merged.get(name);
            }));
        }
        merged.putAll(process);
        return merged;
    }
}
