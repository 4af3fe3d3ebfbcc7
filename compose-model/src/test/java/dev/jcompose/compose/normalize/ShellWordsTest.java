package dev.jcompose.compose.normalize;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

class ShellWordsTest {

    @Test
    void testSplit_whitespace() {
        assertEquals(List.of("npm", "run", "start-watch"), ShellWords.split("  npm   run\tstart-watch "));
        assertEquals(List.of(), ShellWords.split(""));
        assertEquals(List.of(), ShellWords.split("   "));
    }

    @Test
    void testSplit_quotes() {
        assertEquals(List.of("/bin/bash", "-c", "envsubst < /a > /b && nginx -g 'daemon off;'"),
                ShellWords.split("/bin/bash -c \"envsubst < /a > /b && nginx -g 'daemon off;'\""));
        assertEquals(List.of("it's"), ShellWords.split("\"it's\""));
        assertEquals(List.of("a\\nb $X"), ShellWords.split("'a\\nb $X'"));
        assertEquals(List.of(""), ShellWords.split("''"));
        assertEquals(List.of("ab"), ShellWords.split("a'b'"));
    }

    @Test
    void testSplit_backslashes() {
        assertEquals(List.of("a b"), ShellWords.split("a\\ b"));
        assertEquals(List.of("say \"hi\"", "\\n"), ShellWords.split("\"say \\\"hi\\\"\" \"\\n\""));
        assertEquals(List.of("$HOME"), ShellWords.split("\"\\$HOME\""));
    }

    @Test
    void testSplit_shellCharactersAreJustCharacters() {
        assertEquals(List.of("a;", "b", "|", "c"), ShellWords.split("a; b | c"));
    }

    @Test
    void testSplit_errors() {
        assertEquals("a double quote is not closed",
                assertThrows(IllegalArgumentException.class, () -> ShellWords.split("echo \"hi")).getMessage());
        assertEquals("a single quote is not closed",
                assertThrows(IllegalArgumentException.class, () -> ShellWords.split("echo 'hi")).getMessage());
        assertThrows(IllegalArgumentException.class, () -> ShellWords.split("echo \\"));
    }
}
