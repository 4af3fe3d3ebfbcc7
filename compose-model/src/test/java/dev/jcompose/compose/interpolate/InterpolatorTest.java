package dev.jcompose.compose.interpolate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.jcompose.compose.ComposeFileException;
import dev.jcompose.compose.parse.YamlParser;
import dev.jcompose.compose.tree.Nodes;
import dev.jcompose.compose.tree.Warnings;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.nodes.MappingNode;

class InterpolatorTest {

    @Test
    void testInterpolate_valuesButNeverKeys() {
        MappingNode root = YamlParser.parse("${K}: ${V}\nlist: [$V, plain]\n", "compose.yaml");
        new Interpolator(Map.of("K", "key", "V", "val"), new Warnings()).interpolate(root);
        assertEquals("val", Nodes.text(Nodes.get(root, "${K}")));
        assertEquals("val", Nodes.text(Nodes.items(Nodes.get(root, "list")).get(0)));
    }

    @Test
    void testInterpolate_nullsStayNull() {
        MappingNode root = YamlParser.parse("a:\nb: ~\n", "compose.yaml");
        new Interpolator(Map.of(), new Warnings()).interpolate(root);
        assertEquals(true, Nodes.isNull(Nodes.get(root, "a")));
    }

    @Test
    void testInterpolate_errorPointsAtTheScalar() {
        MappingNode root = YamlParser.parse("services:\n  web:\n    image: \"${TAG:?tag please}\"\n", "compose.yaml");
        ComposeFileException e = assertThrows(ComposeFileException.class,
                () -> new Interpolator(Map.of(), new Warnings()).interpolate(root));
        assertEquals("compose.yaml:3:12: services.web.image: required variable TAG is missing a value: tag please",
                e.getMessage());
    }

    @Test
    void testInterpolate_warnsOncePerUnsetVariable() {
        MappingNode root = YamlParser.parse("a: $X\nb: ${X}\nc: $Y\n", "compose.yaml");
        Warnings warnings = new Warnings();
        new Interpolator(Map.of(), warnings).interpolate(root);
        assertEquals(List.of(
                "compose.yaml:1:4: a: the \"X\" variable is not set, defaulting to a blank string",
                "compose.yaml:3:4: c: the \"Y\" variable is not set, defaulting to a blank string"), warnings.list());
    }
}
