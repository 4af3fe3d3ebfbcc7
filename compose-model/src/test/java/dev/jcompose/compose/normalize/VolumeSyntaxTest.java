package dev.jcompose.compose.normalize;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.jcompose.compose.normalize.VolumeSyntax.Spec;
import org.junit.jupiter.api.Test;

class VolumeSyntaxTest {

    @Test
    void testParse_namedVolume() {
        assertEquals(new Spec("volume", "site", "/www", true, null, null, false), VolumeSyntax.parse("site:/www:ro"));
        assertEquals(new Spec("volume", "cache", "/c", false, null, null, true), VolumeSyntax.parse("cache:/c:nocopy"));
    }

    @Test
    void testParse_bindMounts() {
        assertEquals("bind", VolumeSyntax.parse("./data:/data").type());
        assertEquals("bind", VolumeSyntax.parse("/abs:/x").type());
        assertEquals("bind", VolumeSyntax.parse("~/x:/x").type());
        assertEquals("bind", VolumeSyntax.parse(".:/code").type());
        assertEquals(new Spec("bind", "/a", "/b", true, "rslave", "Z", false), VolumeSyntax.parse("/a:/b:ro,rslave,Z"));
    }

    @Test
    void testParse_anonymous() {
        assertEquals(new Spec("volume", null, "/anon", false, null, null, false), VolumeSyntax.parse("/anon"));
    }

    @Test
    void testParse_consistencyOptionsAreAccepted() {
        assertEquals(false, VolumeSyntax.parse("./a:/b:cached").readOnly());
    }

    @Test
    void testParse_errors() {
        assertEquals("too many colons", assertThrows(IllegalArgumentException.class,
                () -> VolumeSyntax.parse("a:/b:ro:x")).getMessage());
        assertEquals("a part between colons is empty", assertThrows(IllegalArgumentException.class,
                () -> VolumeSyntax.parse("a::/b")).getMessage());
        assertEquals("unknown option rx (expected ro, rw, nocopy, z, Z or a propagation mode such as rslave)",
                assertThrows(IllegalArgumentException.class, () -> VolumeSyntax.parse("a:/b:rx")).getMessage());
    }
}
