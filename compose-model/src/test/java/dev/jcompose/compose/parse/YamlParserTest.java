package dev.jcompose.compose.parse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jcompose.compose.ComposeFileException;
import dev.jcompose.compose.tree.Nodes;
import dev.jcompose.compose.tree.TreePath;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;

class YamlParserTest {

    private static ComposeFileException fails(String yaml) {
        return assertThrows(ComposeFileException.class, () -> YamlParser.parse(yaml, "compose.yaml"));
    }

    /** CVE-2022-1471: a global tag must never instantiate a class. */
    @Test
    void testParse_rejectsArbitraryClassTags() {
        ComposeFileException e = fails("services:\n  web:\n    image: !!javax.script.ScriptEngineManager "
                + "[!!java.net.URLClassLoader [[!!java.net.URL [\"http://localhost/\"]]]]\n");
        assertEquals("compose.yaml:3:12: YAML tag \"!!javax.script.ScriptEngineManager\" is not allowed (Compose"
                + " files are plain YAML; only !reset and !override are accepted, on values)", e.getMessage());
        assertEquals(ComposeFileException.Category.INVALID, e.category());
    }

    @Test
    void testParse_rejectsLocalTagsAndTagsOnKeys() {
        assertEquals("compose.yaml:1:4: x: YAML tag \"!!set\" is not allowed (Compose files are plain YAML; only"
                + " !reset and !override are accepted, on values)", fails("x: !!set {a, b}\n").getMessage());
        assertTrue(fails("!reset x: 1\n").getMessage().contains("is not allowed on a key"));
    }

    @Test
    void testParse_acceptsResetAndOverrideOnValues() {
        MappingNode root = YamlParser.parse("a: !reset []\nb: !override {c: 1}\n", "f.yaml");
        assertEquals("!reset", Nodes.get(root, "a").getTag().getValue());
    }

    @Test
    void testParse_billionLaughsIsStopped() {
        StringBuilder yaml = new StringBuilder("a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n");
        for (int i = 1; i < 10; i++) {
            yaml.append("a").append(i).append(": &a").append(i).append(" [");
            for (int j = 0; j < 10; j++) {
                yaml.append(j == 0 ? "" : ", ").append("*a").append(i - 1);
            }
            yaml.append("]\n");
        }
        ComposeFileException e = fails(yaml.toString());
        assertTrue(e.getMessage().contains("aliases") || e.getMessage().contains("too large"), e.getMessage());
    }

    @Test
    void testParse_manyAliasesWithinTheLimitButTooManyNodes() {
        StringBuilder yaml = new StringBuilder("a0: &a0 [x, x]\n");
        for (int i = 1; i <= 24; i++) {
            yaml.append("a").append(i).append(": &a").append(i).append(" [*a").append(i - 1).append(", *a")
                    .append(i - 1).append("]\n");
        }
        assertTrue(fails(yaml.toString()).getMessage().contains("too large once its aliases are expanded"));
    }

    @Test
    void testParse_recursiveAlias() {
        assertTrue(fails("a: &x [1, *x]\n").getMessage().contains("an alias refers to a node that contains it"));
    }

    @Test
    void testParse_nestingLimit() {
        String deep = "[".repeat(100) + "]".repeat(100);
        assertTrue(fails("a: " + deep + "\n").getMessage().toLowerCase().contains("nesting"));
    }

    @Test
    void testParse_codePointLimit() {
        StringBuilder big = new StringBuilder();
        for (int i = 0; big.length() <= YamlParser.MAX_CODE_POINTS; i++) {
            big.append("key").append(i).append(": a value that takes some room\n");
        }
        ComposeFileException e = fails(big.toString());
        assertTrue(e.getMessage().startsWith("compose.yaml: "), e.getMessage());
        assertTrue(e.getMessage().contains("limit"), e.getMessage());
    }

    @Test
    void testParse_duplicateKeyNamesBothLines() {
        assertEquals("compose.yaml:3:3: services: key \"web\" is already defined at line 2",
                fails("services:\n  web: {}\n  web: {}\n").getMessage());
    }

    @Test
    void testParse_mergeKeysAreApplied() {
        MappingNode root = YamlParser.parse("base: &b {x: 1, y: 2}\nuse:\n  <<: *b\n  y: 3\n", "f.yaml");
        MappingNode use = Nodes.getMapping(root, "use");
        assertEquals("1", Nodes.text(Nodes.get(use, "x")));
        assertEquals("3", Nodes.text(Nodes.get(use, "y")));
        assertEquals(2, use.getValue().size());
    }

    @Test
    void testParse_aliasesAreCopiesThatKeepTheirMarks() {
        MappingNode root = YamlParser.parse("a: &v {k: 1}\nb: *v\n", "dir/f.yaml");
        Node a = Nodes.get(root, "a");
        Node b = Nodes.get(root, "b");
        assertTrue(a != b, "an alias must be its own copy, so phases can change it");
        assertEquals("dir/f.yaml", b.getStartMark().getName());
        assertEquals(0, b.getStartMark().getLine());
    }

    @Test
    void testParse_scalarsKeepTheirText() {
        MappingNode root = YamlParser.parse("p: 22:22\nb: yes\nn: 010\n", "f.yaml");
        assertEquals("22:22", Nodes.text(Nodes.get(root, "p")));
        assertEquals("yes", Nodes.text(Nodes.get(root, "b")));
        assertEquals("010", Nodes.text(Nodes.get(root, "n")));
    }

    @Test
    void testParse_syntaxErrorHasLocation() {
        assertEquals("compose.yaml:2:5: mapping values are not allowed here",
                fails("a: b\nc: d: e\n").getMessage());
    }

    @Test
    void testParse_topLevelMustBeAMapping() {
        assertEquals("compose.yaml:1:1: the top level must be a mapping, found a list", fails("- a\n").getMessage());
    }

    @Test
    void testParse_singleDocumentOnly() {
        assertTrue(fails("a: 1\n---\nb: 2\n").getMessage().contains("single document"));
    }

    @Test
    void testRead_missingFile() {
        ComposeFileException e = assertThrows(ComposeFileException.class,
                () -> YamlParser.read(java.nio.file.Path.of("/nonexistent/compose.yaml"), "compose.yaml"));
        assertEquals(ComposeFileException.Category.NOT_FOUND, e.category());
        assertEquals("compose.yaml: no such file", e.getMessage());
    }

    @Test
    void testTreePathOfDuplicateInNestedList() {
        ComposeFileException e = fails("services:\n  web:\n    ports:\n      - {a: 1, a: 2}\n");
        assertEquals("services.web.ports[0]", e.path());
        assertEquals(TreePath.root().key("services").key("web").key("ports").index(0).toString(), e.path());
    }

    @Test
    void testParse_yaml12CoreSchema() {
        MappingNode root = YamlParser.parse("""
                a: yes
                b: on
                c: Off
                d: y
                e: 22:22
                f: 2001-12-14
                g: true
                h: 0o17
                i: 017
                j: .inf
                k: ~
                """, "compose.yaml");
        for (String key : new String[] {"a", "b", "c", "d", "e", "f"}) {
            assertEquals("a string", Nodes.describe(Nodes.get(root, key)), key);
        }
        assertEquals("yes", Nodes.text(Nodes.get(root, "a")));
        assertEquals("22:22", Nodes.text(Nodes.get(root, "e")));
        assertEquals("a boolean", Nodes.describe(Nodes.get(root, "g")));
        assertEquals("a number", Nodes.describe(Nodes.get(root, "h")));
        assertEquals("017", Nodes.text(Nodes.get(root, "i")));
        assertEquals("a number", Nodes.describe(Nodes.get(root, "j")));
        assertTrue(Nodes.isNull(Nodes.get(root, "k")));
    }

    @Test
    void testParse_duplicateKeyIsAnError() {
        ComposeFileException e = fails("services:\n  web:\n    image: a\n    image: b\n");
        assertEquals("compose.yaml:4:5: services.web: key \"image\" is already defined at line 3", e.getMessage());
    }
}
