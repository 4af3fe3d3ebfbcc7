package dev.jcompose.compose.tree;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SuggestionsTest {

    private static final List<String> KEYS = List.of("image", "ports", "volumes", "environment", "networks");

    @Test
    void testClosest() {
        assertEquals(Optional.of("image"), Suggestions.closest("imgae", KEYS));
        assertEquals(Optional.of("ports"), Suggestions.closest("port", KEYS));
        assertEquals(Optional.of("environment"), Suggestions.closest("enviroment", KEYS));
        assertEquals(Optional.of("networks"), Suggestions.closest("Networks", KEYS));
        assertEquals(Optional.empty(), Suggestions.closest("flavour", KEYS));
        assertEquals(Optional.empty(), Suggestions.closest("ab", List.of("xy")));
    }

    @Test
    void testDidYouMean() {
        assertEquals(" (did you mean \"image\"?)", Suggestions.didYouMean("imag", KEYS));
        assertEquals("", Suggestions.didYouMean("zzzzzz", KEYS));
    }

    @Test
    void testDistance() {
        assertEquals(1, Suggestions.distance("ab", "ba"));
        assertEquals(3, Suggestions.distance("kitten", "sitting"));
        assertEquals(0, Suggestions.distance("", ""));
    }
}
