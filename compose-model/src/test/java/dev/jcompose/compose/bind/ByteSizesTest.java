package dev.jcompose.compose.bind;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class ByteSizesTest {

    @Test
    void testParse() {
        assertEquals(512L * 1024 * 1024, ByteSizes.parse("512m"));
        assertEquals(1024L * 1024 * 1024, ByteSizes.parse("1g"));
        assertEquals(1024L * 1024 * 1024, ByteSizes.parse("1GB"));
        assertEquals(1024L * 1024 * 1024, ByteSizes.parse("1GiB"));
        assertEquals(1536L * 1024 * 1024, ByteSizes.parse("1.5G"));
        assertEquals(100L * 1024, ByteSizes.parse("100kb"));
        assertEquals(12345L, ByteSizes.parse("12345"));
        assertEquals(2048L, ByteSizes.parse("2 k"));
    }

    @Test
    void testParse_invalid() {
        for (String bad : new String[] {"", "m", "1x", "-1m", "1.m", "one gig"}) {
            assertThrows(IllegalArgumentException.class, () -> ByteSizes.parse(bad), bad);
        }
    }
}
