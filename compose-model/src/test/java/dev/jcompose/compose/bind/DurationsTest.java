package dev.jcompose.compose.bind;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class DurationsTest {

    @Test
    void testParse() {
        assertEquals(Duration.ofSeconds(90), Durations.parse("1m30s"));
        assertEquals(Duration.ofSeconds(10), Durations.parse("10s"));
        assertEquals(Duration.ofMillis(500), Durations.parse("500ms"));
        assertEquals(Duration.ofMinutes(90), Durations.parse("1.5h"));
        assertEquals(Duration.ofNanos(1500), Durations.parse("1us500ns"));
        assertEquals(Duration.ofMillis(1500), Durations.parse("1.5s"));
        assertEquals(Duration.ZERO, Durations.parse("0"));
        assertEquals(Duration.ofHours(2).plusSeconds(1), Durations.parse("2h1s"));
    }

    @Test
    void testParse_invalid() {
        for (String bad : new String[] {"10", "", "s", "10 s", "1d", "-", "1m30", "abc"}) {
            assertThrows(IllegalArgumentException.class, () -> Durations.parse(bad), bad);
        }
        assertEquals("\"10\" is not a duration (expected a number and a unit, such as 10s, 1m30s or 500ms)",
                assertThrows(IllegalArgumentException.class, () -> Durations.parse("10")).getMessage());
    }

    @Test
    void testFormat() {
        assertEquals("1m30s", Durations.format(Duration.ofSeconds(90)));
        assertEquals("500ms", Durations.format(Duration.ofMillis(500)));
        assertEquals("1h", Durations.format(Duration.ofHours(1)));
        assertEquals("0s", Durations.format(Duration.ZERO));
        assertEquals("1500ns", Durations.format(Duration.ofNanos(1500)));
    }
}
