package dev.jcompose.compose.validate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.jcompose.compose.ComposeFileException;
import dev.jcompose.compose.parse.YamlParser;
import dev.jcompose.compose.tree.Nodes;
import dev.jcompose.compose.tree.Warnings;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.nodes.MappingNode;

class SchemaCheckTest {

    private static String error(String yaml) {
        MappingNode root = YamlParser.parse(yaml, "compose.yaml");
        return assertThrows(ComposeFileException.class, () -> new SchemaCheck(new Warnings()).check(root)).getMessage();
    }

    @Test
    void testCheck_unknownKeysSuggestTheClosest() {
        assertEquals("compose.yaml:1:1: unknown key \"servces\" (did you mean \"services\"?)", error("servces: {}\n"));
        assertEquals("compose.yaml:1:28: services.web: unknown key \"port\" (did you mean \"ports\"?)",
                error("services: {web: {image: x, port: [80]}}\n"));
        assertEquals("compose.yaml:1:28: services.web: unknown key \"flavour\"",
                error("services: {web: {image: x, flavour: sweet}}\n"));
    }

    @Test
    void testCheck_wrongKinds() {
        assertEquals("compose.yaml:1:25: services.web.ports: must be a list, not a string",
                error("services: {web: {ports: \"80:80\"}}\n"));
        assertEquals("compose.yaml:1:27: services.web.command: must be a string or a list, not a mapping",
                error("services: {web: {command: {a: b}}}\n"));
        assertEquals("compose.yaml:1:31: services.web.environment: must be a mapping or a list, not a string",
                error("services: {web: {environment: A=b}}\n"));
        assertEquals("compose.yaml:1:11: services: must be a mapping, not a list", error("services: [web]\n"));
        assertEquals("compose.yaml:1:30: services.web.ports[1]: must be a string or a mapping, not null",
                error("services: {web: {ports: [80, ~]}}\n"));
    }

    @Test
    void testCheck_extensionsAndNullsAreAccepted() {
        MappingNode root = YamlParser.parse("x-anything: [1, {a: b}]\nservices:\n  web:\n    x-mine: 1\n"
                + "    image:\n", "compose.yaml");
        new SchemaCheck(new Warnings()).check(root);
    }

    @Test
    void testCheck_ignoredKeysAreWarnedAndRemoved() {
        MappingNode root = YamlParser.parse("version: '3'\nservices:\n  web:\n    image: x\n"
                + "    logging: {driver: syslog}\n    networks: {n: {priority: 5}}\n", "compose.yaml");
        Warnings warnings = new Warnings();
        new SchemaCheck(warnings).check(root);
        assertEquals(List.of("compose.yaml:1:1: version is obsolete and was ignored (remove it to avoid confusion)",
                "compose.yaml:6:20: services.web.networks.n.priority is not supported yet and was ignored"),
                warnings.list());
        assertNull(Nodes.get(root, "version"));
        MappingNode web = Nodes.getMapping(Nodes.getMapping(root, "services"), "web");
        assertNotNull(Nodes.get(web, "logging"), "logging reaches the model");
    }

    @Test
    void testCheck_includeAndExtendsShapes() {
        assertEquals("compose.yaml:1:11: include[0]: must be a string or a mapping, not a list",
                error("include: [[a.yaml]]\n"));
        assertEquals("compose.yaml:1:38: services.web.extends: unknown key \"files\" (did you mean \"file\"?)",
                error("services: {web: {image: x, extends: {files: a.yaml, service: b}}}\n"));
    }
}
