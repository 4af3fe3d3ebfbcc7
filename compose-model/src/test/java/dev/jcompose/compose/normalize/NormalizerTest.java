package dev.jcompose.compose.normalize;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.jcompose.compose.parse.YamlParser;
import dev.jcompose.compose.tree.Nodes;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.nodes.MappingNode;

class NormalizerTest {

    private static MappingNode normalize(String yaml) {
        MappingNode root = YamlParser.parse(yaml, "compose.yaml");
        new Canonicalizer().canonicalize(root);
        new Normalizer("proj", Path.of("/work/proj"), Map.of("HOME", "/home/me")).normalize(root);
        return root;
    }

    private static MappingNode service(MappingNode root, String name) {
        return Nodes.getMapping(Nodes.getMapping(root, "services"), name);
    }

    @Test
    void testNormalize_defaultNetworkOnlyWhenUsed() {
        MappingNode root = normalize("services: {a: {image: x, networks: [n]}, b: {image: x, network_mode: host}}\n"
                + "networks: {n: {}}\n");
        assertNull(Nodes.get(Nodes.getMapping(root, "networks"), "default"));
        MappingNode withDefault = normalize("services: {a: {image: x}}\n");
        assertEquals("proj_default", Nodes.text(Nodes.get(Nodes.getMapping(Nodes.getMapping(withDefault, "networks"),
                "default"), "name")));
        assertEquals(true, Nodes.get(Nodes.getMapping(service(withDefault, "a"), "networks"), "default") != null);
    }

    @Test
    void testNormalize_paths() {
        MappingNode root = normalize("services:\n  a:\n    build: ../ctx\n    volumes: [\"~/x:/x\", \"./y/../z:/z\"]\n"
                + "  b:\n    build: {context: \"https://github.com/x/y.git#main\"}\n");
        assertEquals("/work/ctx", Nodes.text(Nodes.get(Nodes.getMapping(service(root, "a"), "build"), "context")));
        assertEquals("/home/me/x", Nodes.text(Nodes.get((MappingNode) Nodes.items(Nodes.get(service(root, "a"),
                "volumes")).get(0), "source")));
        assertEquals("/work/proj/z", Nodes.text(Nodes.get((MappingNode) Nodes.items(Nodes.get(service(root, "a"),
                "volumes")).get(1), "source")));
        assertEquals("https://github.com/x/y.git#main",
                Nodes.text(Nodes.get(Nodes.getMapping(service(root, "b"), "build"), "context")));
    }

    @Test
    void testNormalize_resourceNames() {
        MappingNode root = normalize("services: {}\nvolumes: {a: {}, b: {external: true}, c: {name: exact},"
                + " d: {external: {name: legacy}}}\n");
        MappingNode volumes = Nodes.getMapping(root, "volumes");
        assertEquals("proj_a", Nodes.text(Nodes.get(Nodes.getMapping(volumes, "a"), "name")));
        assertEquals("b", Nodes.text(Nodes.get(Nodes.getMapping(volumes, "b"), "name")));
        assertEquals("exact", Nodes.text(Nodes.get(Nodes.getMapping(volumes, "c"), "name")));
        assertEquals("legacy", Nodes.text(Nodes.get(Nodes.getMapping(volumes, "d"), "name")));
        assertEquals("true", Nodes.text(Nodes.get(Nodes.getMapping(volumes, "d"), "external")));
    }
}
