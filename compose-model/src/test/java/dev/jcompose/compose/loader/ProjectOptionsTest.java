package dev.jcompose.compose.loader;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ProjectOptionsTest {

    @Test
    void testWithers() {
        ProjectOptions options = ProjectOptions.of(Path.of("/w/./x"));
        assertEquals(Path.of("/w/x"), options.workingDir());
        assertNull(options.projectName());
        ProjectOptions changed = options.withProjectName("p").withFiles(List.of(Path.of("a.yaml")))
                .withEnvironment(Map.of("A", "1")).withProjectDirectory(Path.of("../y"))
                .withEnvFiles(List.of(Path.of("e.env")));
        assertEquals("p", changed.projectName());
        assertEquals(List.of(Path.of("a.yaml")), changed.files());
        assertEquals(Map.of("A", "1"), changed.environment());
        assertEquals(Path.of("/w/y"), changed.projectDirectory());
        assertEquals(List.of(Path.of("e.env")), changed.envFiles());
        assertNull(options.projectName(), "withers return copies");
    }
}
