package dev.jcompose.compose.tree;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.jcompose.compose.parse.YamlParser;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.nodes.MappingNode;

class WarningsTest {

    @Test
    void testWarningsAreLocatedAndKeptOnce() {
        MappingNode root = YamlParser.parse("a: 1\nb: 2\n", "compose.yaml");
        Warnings warnings = new Warnings();
        warnings.add(Nodes.get(root, "b"), "b is odd");
        warnings.add(Nodes.get(root, "b"), "b is odd");
        warnings.addOnce("topic", Nodes.get(root, "a"), "first");
        warnings.addOnce("topic", Nodes.get(root, "b"), "second");
        warnings.add(null, "no place");
        assertEquals(List.of("compose.yaml:2:4: b is odd", "compose.yaml:1:4: first", "no place"), warnings.list());
    }
}
