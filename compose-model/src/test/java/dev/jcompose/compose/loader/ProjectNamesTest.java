package dev.jcompose.compose.loader;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jcompose.compose.ComposeFileException;
import dev.jcompose.compose.parse.YamlParser;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.nodes.MappingNode;

class ProjectNamesTest {

    private static final Path DIR = Path.of("/src/My_Shop.App");
    private static final List<MappingNode> NAMED = List.of(
            YamlParser.parse("name: first\n", "a.yaml"), YamlParser.parse("name: ${N:-second}\n", "b.yaml"));

    @Test
    void testResolve_precedence() {
        assertEquals("cli", ProjectNames.resolve("cli", Map.of("COMPOSE_PROJECT_NAME", "env"), NAMED, DIR));
        assertEquals("env", ProjectNames.resolve(null, Map.of("COMPOSE_PROJECT_NAME", "env"), NAMED, DIR));
        assertEquals("second", ProjectNames.resolve(null, Map.of(), NAMED, DIR));
        assertEquals("interpolated", ProjectNames.resolve(null, Map.of("N", "interpolated"), NAMED, DIR));
        assertEquals("my_shopapp", ProjectNames.resolve(null, Map.of(), List.of(), DIR));
    }

    @Test
    void testNormalize() {
        assertEquals("my_shopapp", ProjectNames.normalize("My_Shop.App"));
        assertEquals("app", ProjectNames.normalize("__-App"));
        assertEquals("", ProjectNames.normalize("..."));
    }

    @Test
    void testIsValid() {
        assertTrue(ProjectNames.isValid("a-b_c9"));
        assertTrue(ProjectNames.isValid("9lives"));
        assertFalse(ProjectNames.isValid("_x"));
        assertFalse(ProjectNames.isValid("Upper"));
        assertFalse(ProjectNames.isValid(""));
    }

    @Test
    void testResolve_invalidNamesAreErrorsThatSayWhatIsAllowed() {
        assertEquals("invalid project name \"-x\": must consist only of lowercase alphanumeric characters, hyphens,"
                + " and underscores as well as start with a letter or number (such as \"x\") (from"
                + " COMPOSE_PROJECT_NAME)", assertThrows(ComposeFileException.class,
                () -> ProjectNames.resolve(null, Map.of("COMPOSE_PROJECT_NAME", "-x"), List.of(), DIR)).getMessage());
        assertEquals("cannot make a project name from the directory /src/...; set one with -p, COMPOSE_PROJECT_NAME"
                + " or a top-level name:", assertThrows(ComposeFileException.class,
                () -> ProjectNames.resolve(null, Map.of(), List.of(), Path.of("/src/..."))).getMessage());
    }
}
