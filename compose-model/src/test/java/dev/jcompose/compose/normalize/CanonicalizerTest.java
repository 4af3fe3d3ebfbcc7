package dev.jcompose.compose.normalize;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jcompose.compose.ComposeFileException;
import dev.jcompose.compose.parse.YamlParser;
import dev.jcompose.compose.tree.Nodes;
import dev.jcompose.compose.tree.TreePath;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;

class CanonicalizerTest {

    private static MappingNode web(String serviceYaml) {
        MappingNode root = YamlParser.parse("services:\n  web:\n" + serviceYaml, "compose.yaml");
        new Canonicalizer().canonicalize(root);
        return Nodes.getMapping(Nodes.getMapping(root, "services"), "web");
    }

    private static List<String> texts(Node sequence) {
        return Nodes.items(sequence).stream().map(n -> Nodes.isNull(n) ? null : Nodes.text(n)).toList();
    }

    @Test
    void testCanonicalize_listsOfKeyValuesBecomeMappings() {
        MappingNode web = web("    environment: [A=1, B, C=x=y, A=2]\n    labels: [\"k\"]\n");
        MappingNode env = Nodes.getMapping(web, "environment");
        assertEquals(List.of("A", "B", "C"), List.copyOf(Nodes.entries(env, TreePath.root()).keySet()));
        assertEquals("2", Nodes.text(Nodes.get(env, "A")));
        assertTrue(Nodes.isNull(Nodes.get(env, "B")));
        assertEquals("x=y", Nodes.text(Nodes.get(env, "C")));
        assertEquals("", Nodes.text(Nodes.get(Nodes.getMapping(web, "labels"), "k")));
    }

    @Test
    void testCanonicalize_commandsAndHealthcheck() {
        MappingNode web = web("    command: echo \"a b\"\n    healthcheck: {test: curl -f x}\n");
        assertEquals(List.of("echo", "a b"), texts(Nodes.get(web, "command")));
        assertEquals(List.of("CMD-SHELL", "curl -f x"), texts(Nodes.get(Nodes.getMapping(web, "healthcheck"), "test")));
    }

    @Test
    void testCanonicalize_namesBecomeMappings() {
        MappingNode web = web("    depends_on: [db, db]\n    networks: [front]\n    build: ./app\n    dns: 1.1.1.1\n");
        assertEquals(1, Nodes.getMapping(web, "depends_on").getValue().size());
        assertTrue(Nodes.isNull(Nodes.get(Nodes.getMapping(web, "networks"), "front")));
        assertEquals("./app", Nodes.text(Nodes.get(Nodes.getMapping(web, "build"), "context")));
        assertEquals(List.of("1.1.1.1"), texts(Nodes.get(web, "dns")));
    }

    @Test
    void testCanonicalize_extraHosts() {
        assertEquals(List.of("a:1.2.3.4", "b:::1", "c:10.0.0.1", "c:10.0.0.2"),
                texts(Nodes.get(web("    extra_hosts: {a: 1.2.3.4, b: \"::1\", c: [10.0.0.1, 10.0.0.2]}\n"),
                        "extra_hosts")));
        assertEquals(List.of("a:1.2.3.4", "b:5.6.7.8"),
                texts(Nodes.get(web("    extra_hosts: [\"a:1.2.3.4\", \"b=5.6.7.8\"]\n"), "extra_hosts")));
    }

    @Test
    void testCanonicalize_portsKeepTheMarkOfTheirText() {
        MappingNode web = web("    ports:\n      - \"8080-8081:80-81\"\n");
        List<Node> ports = Nodes.items(Nodes.get(web, "ports"));
        assertEquals(2, ports.size());
        assertEquals(3, ports.get(1).getStartMark().getLine());
    }

    @Test
    void testCanonicalize_errors() {
        assertEquals("compose.yaml:3:14: services.web.command: cannot split \"echo 'x\" into words: a single quote"
                + " is not closed", assertThrows(ComposeFileException.class, () -> web("    command: echo 'x\n"))
                .getMessage());
        assertEquals("compose.yaml:3:15: services.web.volumes[0]: \"a:b:c:d\" is not a valid volume (expected"
                + " [SOURCE:]TARGET[:MODE]): too many colons", assertThrows(ComposeFileException.class,
                () -> web("    volumes: [\"a:b:c:d\"]\n")).getMessage());
        assertEquals("compose.yaml:3:19: services.web.environment[0]: \"=x\" has no name before '=' (expected"
                + " NAME=VALUE or NAME)", assertThrows(ComposeFileException.class,
                () -> web("    environment: [\"=x\"]\n")).getMessage());
    }
}
