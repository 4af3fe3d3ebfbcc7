package dev.jcompose.compose.dotenv;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.jcompose.compose.ComposeFileException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DotEnvTest {

    private static Map<String, String> parse(String text, Map<String, String> env) {
        return DotEnv.parse(text, ".env", env::get);
    }

    @Test
    void testParse_basics() {
        Map<String, String> expected = new LinkedHashMap<>();
        expected.put("A", "1");
        expected.put("B", "two words");
        expected.put("C", "");
        expected.put("D.E-F", "x");
        assertEquals(expected, parse("\uFEFF# comment\nA=1\n\nexport B = two words  # trailing\nC=\nD.E-F=x\r\n",
                Map.of()));
    }

    @Test
    void testParse_quotes() {
        Map<String, String> values = parse("S='single $A \\n'\nD=\"double $A\\n\\\"q\\\" \\$A\"\n"
                + "M=\"multi\nline\"\nH='#not a comment' # comment\nU=a#b\n", Map.of("A", "x"));
        assertEquals("single $A \\n", values.get("S"));
        assertEquals("double x\n\"q\" $A", values.get("D"));
        assertEquals("multi\nline", values.get("M"));
        assertEquals("#not a comment", values.get("H"));
        assertEquals("a#b", values.get("U"));
    }

    @Test
    void testParse_expansionPrefersTheEnvironmentThenEarlierKeys() {
        Map<String, String> values = parse("A=file\nB=${A}-${C:-def}\nC=$HOME/x\n", Map.of("HOME", "/home/u"));
        assertEquals("file-def", values.get("B"));
        assertEquals("/home/u/x", values.get("C"));
        assertEquals("env-def", parse("A=file\nB=${A}-${C:-def}\n", Map.of("A", "env")).get("B"));
    }

    @Test
    void testParse_bareKeyInheritsOrIsLeftOut() {
        Map<String, String> values = parse("FROM_SHELL\nNOWHERE\n", Map.of("FROM_SHELL", "s"));
        assertEquals(Map.of("FROM_SHELL", "s"), values);
    }

    @Test
    void testParse_errorsHaveALine() {
        assertEquals(".env:2:1: a line must read KEY=VALUE, with a key of letters, digits, '_', '.' and '-'",
                assertThrows(ComposeFileException.class, () -> parse("A=1\nMY KEY=2\n", Map.of())).getMessage());
        assertEquals(".env:1:1: a double quote is not closed",
                assertThrows(ComposeFileException.class, () -> parse("A=\"open\n", Map.of())).getMessage());
        assertEquals(".env:3:1: unexpected text after the value",
                assertThrows(ComposeFileException.class, () -> parse("A=1\nB='x\ny' z\n", Map.of())).getMessage());
    }
}
