package dev.jcompose.compose;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.jcompose.compose.ComposeFileException.Category;
import org.junit.jupiter.api.Test;

class ComposeFileExceptionTest {

    @Test
    void testMessage_fullLocation() {
        ComposeFileException e = new ComposeFileException(Category.INVALID, "compose.yaml", 14, 7,
                "services.web.ports[1]", "\"80:80:80\" is not a valid port mapping (expected [HOST:]CONTAINER[/PROTOCOL])");
        assertEquals("compose.yaml:14:7: services.web.ports[1]: \"80:80:80\" is not a valid port mapping (expected"
                + " [HOST:]CONTAINER[/PROTOCOL])", e.getMessage());
        assertEquals("\"80:80:80\" is not a valid port mapping (expected [HOST:]CONTAINER[/PROTOCOL])", e.problem());
    }

    @Test
    void testMessage_partialLocations() {
        assertEquals("compose.yaml: no such file",
                ComposeFileException.inFile(Category.NOT_FOUND, "compose.yaml", "no such file").getMessage());
        assertEquals("bad name", ComposeFileException.of(Category.INVALID, "bad name").getMessage());
        assertEquals("f.yaml:1:1: top", new ComposeFileException(Category.INVALID, "f.yaml", 1, 1, "", "top")
                .getMessage());
    }
}
