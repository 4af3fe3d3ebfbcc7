package dev.jcompose.compose.tree;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class TreePathTest {

    @Test
    void testToString() {
        assertEquals("", TreePath.root().toString());
        assertEquals("services.web.ports[1]", TreePath.root().key("services").key("web").key("ports").index(1).toString());
        assertEquals("[0].a", TreePath.root().index(0).key("a").toString());
    }

    @Test
    void testMatches() {
        TreePath ports = TreePath.of("services.web.ports");
        assertTrue(ports.matches(TreePath.of("services.*.ports")));
        assertFalse(ports.matches(TreePath.of("services.*.volumes")));
        assertFalse(ports.matches(TreePath.of("services.*")));
        assertEquals(List.of("services", "web", "ports"), ports.segments());
        assertEquals("ports", ports.lastKey());
        assertEquals(TreePath.of("services.web"), ports.parent());
    }
}
