package dev.jcompose.compose.loader;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.jcompose.compose.ComposeFileException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ComposeFilesTest {

    @TempDir
    Path dir;

    private Path touch(String name) throws IOException {
        Path file = dir.resolve(name);
        Files.createDirectories(file.getParent());
        Files.writeString(file, "services: {}\n");
        return file;
    }

    @Test
    void testResolve_discoversInOrderWithTheOverride() throws IOException {
        touch("docker-compose.yaml");
        Path main = touch("compose.yml");
        Path override = touch("compose.override.yaml");
        ComposeFiles.Resolved resolved = ComposeFiles.resolve(ProjectOptions.of(dir));
        assertEquals(List.of(main, override), resolved.files());
        assertEquals(dir, resolved.projectDir());
        assertEquals(1, resolved.notes().size());
    }

    @Test
    void testResolve_walksUpToTheNearestParent() throws IOException {
        Path main = touch("docker-compose.yml");
        Path deep = Files.createDirectories(dir.resolve("a/b"));
        ComposeFiles.Resolved resolved = ComposeFiles.resolve(ProjectOptions.of(deep));
        assertEquals(List.of(main), resolved.files());
        assertEquals(dir, resolved.projectDir());
    }

    @Test
    void testResolve_explicitFilesSkipTheOverrideAndSetTheProjectDirectory() throws IOException {
        touch("compose.override.yaml");
        Path first = touch("deploy/base.yaml");
        Path second = touch("prod.yaml");
        ComposeFiles.Resolved resolved = ComposeFiles.resolve(ProjectOptions.of(dir)
                .withFiles(List.of(Path.of("deploy/base.yaml"), Path.of("prod.yaml"))));
        assertEquals(List.of(first, second), resolved.files());
        assertEquals(dir.resolve("deploy"), resolved.projectDir());
        assertEquals(dir, ComposeFiles.resolve(ProjectOptions.of(dir).withProjectDirectory(dir)
                .withFiles(List.of(Path.of("deploy/base.yaml")))).projectDir());
    }

    @Test
    void testResolve_composeFileVariable() throws IOException {
        Path a = touch("a.yaml");
        Path b = touch("b.yaml");
        ComposeFiles.Resolved resolved = ComposeFiles.resolve(ProjectOptions.of(dir)
                .withEnvironment(Map.of("COMPOSE_FILE", "a.yaml;b.yaml", "COMPOSE_PATH_SEPARATOR", ";")));
        assertEquals(List.of(a, b), resolved.files());
    }

    @Test
    void testResolve_missing() {
        ComposeFileException e = assertThrows(ComposeFileException.class,
                () -> ComposeFiles.resolve(ProjectOptions.of(dir).withFiles(List.of(Path.of("nope.yaml")))));
        assertEquals("nope.yaml: no such file", e.getMessage());
        assertEquals(ComposeFileException.Category.NOT_FOUND, e.category());
        ComposeFileException none = assertThrows(ComposeFileException.class,
                () -> ComposeFiles.resolve(ProjectOptions.of(dir).withProjectDirectory(dir)));
        assertEquals("no configuration file provided: none of compose.yaml, compose.yml, docker-compose.yml,"
                + " docker-compose.yaml exists in " + dir + " (name one with -f)", none.getMessage());
    }
}
