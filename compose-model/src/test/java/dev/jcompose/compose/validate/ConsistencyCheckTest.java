package dev.jcompose.compose.validate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.jcompose.compose.ComposeFileException;
import dev.jcompose.compose.normalize.Canonicalizer;
import dev.jcompose.compose.parse.YamlParser;
import dev.jcompose.compose.tree.Warnings;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.nodes.MappingNode;

class ConsistencyCheckTest {

    private static String error(String yaml) {
        MappingNode root = YamlParser.parse(yaml, "compose.yaml");
        new Canonicalizer().canonicalize(root);
        return assertThrows(ComposeFileException.class, () -> ConsistencyCheck.check(root, new Warnings()))
                .getMessage();
    }

    @Test
    void testChecks_areNamedAndOrdered() {
        assertEquals(List.of("image or build", "links", "volumes_from", "network_mode", "depends_on",
                "networks declared", "volumes declared", "secrets declared", "configs declared",
                "container_name and scale", "dependency cycles"), ConsistencyCheck.checks());
    }

    @Test
    void testCheck_unknownServiceReferences() {
        assertEquals("compose.yaml:1:36: services.web.links[0]: service \"db\" is not defined",
                error("services: {web: {image: x, links: [db:database]}}\n"));
        assertEquals("compose.yaml:1:43: services.web.volumes_from[0]: service \"data\" is not defined",
                error("services: {web: {image: x, volumes_from: [data]}}\n"));
        assertEquals("compose.yaml:1:42: services.web.network_mode: service \"vpn\" is not defined",
                error("services: {web: {image: x, network_mode: \"service:vpn\"}}\n"));
    }

    @Test
    void testCheck_containerReferencesAreNotServices() {
        MappingNode root = YamlParser.parse("services: {web: {image: x, volumes_from: [\"container:c1\"],"
                + " network_mode: \"container:c2\"}}\n", "compose.yaml");
        new Canonicalizer().canonicalize(root);
        ConsistencyCheck.check(root, new Warnings());
    }
}
