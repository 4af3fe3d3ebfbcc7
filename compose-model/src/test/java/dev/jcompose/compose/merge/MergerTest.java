package dev.jcompose.compose.merge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.jcompose.compose.normalize.Canonicalizer;
import dev.jcompose.compose.parse.YamlParser;
import dev.jcompose.compose.tree.Nodes;
import dev.jcompose.compose.tree.TreePath;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;

class MergerTest {

    private static MappingNode web(String... files) {
        List<MappingNode> trees = new ArrayList<>();
        for (int i = 0; i < files.length; i++) {
            MappingNode tree = YamlParser.parse("services:\n  web:\n" + files[i], "f" + i + ".yaml");
            new Canonicalizer().canonicalize(tree);
            trees.add(tree);
        }
        MappingNode merged = Merger.mergeAll(trees);
        return Nodes.getMapping(Nodes.getMapping(merged, "services"), "web");
    }

    private static List<String> texts(Node sequence) {
        return Nodes.items(sequence).stream().map(Nodes::text).toList();
    }

    @Test
    void testMerge_scalarsOverrideAndMappingsMergeDeeply() {
        MappingNode web = web("    image: a\n    environment: {A: 1, B: 2}\n",
                "    image: b\n    environment: [B=3, C=4]\n");
        assertEquals("b", Nodes.text(Nodes.get(web, "image")));
        MappingNode env = Nodes.getMapping(web, "environment");
        assertEquals(List.of("A", "B", "C"), List.copyOf(Nodes.entries(env, TreePath.root()).keySet()));
        assertEquals("3", Nodes.text(Nodes.get(env, "B")));
    }

    @Test
    void testMerge_commandEntrypointAndTestAreReplaced() {
        MappingNode web = web("    command: [a, b, c]\n    healthcheck: {test: [CMD, x], interval: 5s}\n",
                "    command: d\n    healthcheck: {test: [CMD, y]}\n");
        assertEquals(List.of("d"), texts(Nodes.get(web, "command")));
        MappingNode healthcheck = Nodes.getMapping(web, "healthcheck");
        assertEquals(List.of("CMD", "y"), texts(Nodes.get(healthcheck, "test")));
        assertEquals("5s", Nodes.text(Nodes.get(healthcheck, "interval")));
    }

    @Test
    void testMerge_repeatedItemsOfCommandEntrypointAndTestAreKept_setsAreDeduplicated() {
        MappingNode web = web("    entrypoint: [psql, -v, a=1, -v, b=2]\n    command: [-n, '1', -n, '2']\n"
                + "    healthcheck: {test: [CMD, x, x]}\n    cap_add: [NET_ADMIN, NET_ADMIN]\n");
        assertEquals(List.of("psql", "-v", "a=1", "-v", "b=2"), texts(Nodes.get(web, "entrypoint")));
        assertEquals(List.of("-n", "1", "-n", "2"), texts(Nodes.get(web, "command")));
        assertEquals(List.of("CMD", "x", "x"), texts(Nodes.get(Nodes.getMapping(web, "healthcheck"), "test")));
        assertEquals(List.of("NET_ADMIN"), texts(Nodes.get(web, "cap_add")));
    }

    @Test
    void testMerge_portsAreUniqueByIpPublishedTargetProtocol() {
        MappingNode web = web("    ports: [\"80:80\", \"443:443\", \"53:53/udp\"]\n",
                "    ports: [\"80:80/tcp\", \"53:53\", \"127.0.0.1:80:80\"]\n");
        assertEquals(5, Nodes.items(Nodes.get(web, "ports")).size());
    }

    @Test
    void testMerge_volumesAreUniqueByTargetAndTheLaterWinsInPlace() {
        MappingNode web = web("    volumes: [\"./a:/data\", \"logs:/logs\"]\n", "    volumes: [\"./b:/data\"]\n");
        List<Node> volumes = Nodes.items(Nodes.get(web, "volumes"));
        assertEquals(2, volumes.size());
        assertEquals("./b", Nodes.text(Nodes.get((MappingNode) volumes.get(0), "source")));
        assertEquals("f1.yaml", volumes.get(0).getStartMark().getName());
    }

    @Test
    void testMerge_plainListsAreAppendedWithoutDuplicates() {
        MappingNode web = web("    cap_add: [NET_ADMIN]\n    dns: [1.1.1.1]\n",
                "    cap_add: [SYS_TIME, NET_ADMIN]\n    dns: 8.8.8.8\n");
        assertEquals(List.of("NET_ADMIN", "SYS_TIME"), texts(Nodes.get(web, "cap_add")));
        assertEquals(List.of("1.1.1.1", "8.8.8.8"), texts(Nodes.get(web, "dns")));
    }

    @Test
    void testMerge_resetAndOverride() {
        MappingNode web = web("    ports: [\"80:80\"]\n    labels: {a: 1, b: 2}\n    environment: {A: 1}\n",
                "    ports: !reset []\n    labels: !override {c: 3}\n    environment: {A: !reset null}\n");
        assertNull(Nodes.get(web, "ports"));
        assertEquals(List.of("c"), List.copyOf(Nodes.entries(Nodes.getMapping(web, "labels"), TreePath.root()).keySet()));
        assertEquals(0, Nodes.getMapping(web, "environment").getValue().size());
    }

    @Test
    void testMerge_resetInTheFirstFileRemovesTheKey() {
        MappingNode web = web("    image: x\n    dns: !reset [1.1.1.1]\n");
        assertNull(Nodes.get(web, "dns"));
    }

    @Test
    void testMerge_newServicesComeAfterInFileOrder() {
        MappingNode a = YamlParser.parse("services: {b: {image: x}, a: {image: x}}\n", "a.yaml");
        MappingNode b = YamlParser.parse("services: {c: {image: x}, a: {image: y}}\n", "b.yaml");
        MappingNode merged = Merger.mergeAll(List.of(a, b));
        assertEquals(List.of("b", "a", "c"), List.copyOf(Nodes.entries(Nodes.getMapping(merged, "services"),
                TreePath.root()).keySet()));
    }
}
