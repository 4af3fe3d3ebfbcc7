package dev.jcompose.compose.normalize;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jcompose.compose.normalize.PortSyntax.Spec;
import java.util.List;
import org.junit.jupiter.api.Test;

class PortSyntaxTest {

    @Test
    void testParse_forms() {
        assertEquals(List.of(new Spec(null, null, "80", null)), PortSyntax.parse("80"));
        assertEquals(List.of(new Spec(null, "8080", "80", null)), PortSyntax.parse("8080:80"));
        assertEquals(List.of(new Spec("127.0.0.1", "8080", "80", "tcp")), PortSyntax.parse("127.0.0.1:8080:80/tcp"));
        assertEquals(List.of(new Spec("127.0.0.1", null, "80", null)), PortSyntax.parse("127.0.0.1::80"));
        assertEquals(List.of(new Spec("::1", "80", "80", null)), PortSyntax.parse("[::1]:80:80"));
        assertEquals(List.of(new Spec(null, "53", "53", "udp")), PortSyntax.parse("53:53/udp"));
    }

    @Test
    void testParse_ranges() {
        assertEquals(List.of(new Spec(null, "8000-8010", "80", null)), PortSyntax.parse("8000-8010:80"));
        assertEquals(List.of(new Spec(null, "8080", "80", null), new Spec(null, "8081", "81", null)),
                PortSyntax.parse("8080-8081:80-81"));
        assertEquals(List.of(new Spec(null, null, "80", null), new Spec(null, null, "81", null)),
                PortSyntax.parse("80-81"));
    }

    @Test
    void testParse_badShapesHaveNoDetail() {
        for (String bad : List.of("80:80:80", "a:80", "80:b", "", "1.2.3:80:80", "[::1]80:80", "300.1.1.1:80:80")) {
            PortSyntax.BadPort e = assertThrows(PortSyntax.BadPort.class, () -> PortSyntax.parse(bad), bad);
            assertNull(e.getMessage(), bad);
        }
    }

    @Test
    void testParse_badValuesSayWhy() {
        assertEquals("the protocol must be tcp, udp or sctp, not http",
                assertThrows(PortSyntax.BadPort.class, () -> PortSyntax.parse("80/http")).getMessage());
        assertEquals("70000 is not a port number (1-65535)",
                assertThrows(PortSyntax.BadPort.class, () -> PortSyntax.parse("70000")).getMessage());
        assertEquals("0 is not a port number (1-65535)",
                assertThrows(PortSyntax.BadPort.class, () -> PortSyntax.parse("8080:0")).getMessage());
        assertTrue(assertThrows(PortSyntax.BadPort.class, () -> PortSyntax.parse("8080-8082:80-81")).getMessage()
                .contains("differ in size"));
    }

    @Test
    void testIsIp() {
        assertTrue(PortSyntax.isIp("0.0.0.0"));
        assertTrue(PortSyntax.isIp("fe80::1%eth0"));
        assertEquals(false, PortSyntax.isIp("localhost"));
    }
}
