package dev.jcompose.compose.tree;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jcompose.compose.ComposeFileException;
import dev.jcompose.compose.parse.YamlParser;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;

class NodesTest {

    @Test
    void testDescribe() {
        MappingNode root = YamlParser.parse("s: x\nn: 1\nb: true\nl: []\nm: {}\nz: ~\n", "f.yaml");
        assertEquals(List.of("a string", "a number", "a boolean", "a list", "a mapping", "null"),
                List.of("s", "n", "b", "l", "m", "z").stream().map(k -> Nodes.describe(Nodes.get(root, k))).toList());
    }

    @Test
    void testPutKeepsPlaceAndRemove() {
        MappingNode root = YamlParser.parse("a: 1\nb: 2\n", "f.yaml");
        Nodes.put(root, "a", Nodes.scalar("3", root));
        Nodes.put(root, "c", Nodes.scalar("4", root));
        assertEquals(List.of("a", "b", "c"), List.copyOf(Nodes.entries(root, TreePath.root()).keySet()));
        assertEquals("3", Nodes.text(Nodes.get(root, "a")));
        Nodes.remove(root, "b");
        assertNull(Nodes.get(root, "b"));
    }

    @Test
    void testNewNodesKeepMarksAndMergeTags() {
        MappingNode root = YamlParser.parse("a: !reset [1]\n", "f.yaml");
        Node a = Nodes.get(root, "a");
        Node copy = Nodes.sequence(List.of(), a);
        assertEquals("!reset", copy.getTag().getValue());
        assertEquals("f.yaml", Nodes.scalar("x", a).getStartMark().getName());
        assertTrue(Nodes.isNull(Nodes.nullAt(a)));
    }

    @Test
    void testKeysMustBeScalars() {
        MappingNode root = YamlParser.parse("? [a, b]\n: c\n", "f.yaml");
        assertEquals("f.yaml:1:3: mapping keys must be strings, found a list", assertThrows(ComposeFileException.class,
                () -> Nodes.entries(root, TreePath.root())).getMessage());
    }
}
