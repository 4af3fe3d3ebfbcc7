package dev.jcompose.build.dockerfile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class WordExpanderTest {
  private static final Map<String, String> ENV = new HashMap<>();

  static {
    ENV.put("NAME", "world");
    ENV.put("EMPTY", "");
    ENV.put("SPACED", "a b  c");
    ENV.put("PATH_", "/usr/local/bin/app.tar.gz");
    ENV.put("GREETING", "hello");
  }

  private static String x(String raw) {
    return WordExpander.expand(raw, ENV::get, '\\');
  }

  private static List<String> w(String raw) {
    return WordExpander.expandWords(raw, ENV::get, '\\');
  }

  @Test
  void plainAndBracedVariables() {
    assertEquals("hello world", x("hello $NAME"));
    assertEquals("hello world!", x("hello ${NAME}!"));
    assertEquals("worldly", x("${NAME}ly"));
    assertEquals("", x("$NAME_X"), "the name runs on over letters, digits and _");
    assertEquals("-", x("$UNSET-"));
  }

  @Test
  void loneDollarStaysLiteral() {
    assertEquals("$", x("$"));
    assertEquals("cost: $ 5", x("cost: $ 5"));
    assertEquals("a$/b", x("a$/b"));
  }

  @Test
  void unsetExpandsToEmpty() {
    assertEquals("[]", x("[$NOPE]"));
    assertEquals("[]", x("[${NOPE}]"));
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "${NAME:-def}|world",
      "${NOPE:-def}|def",
      "${EMPTY:-def}|def",
      "${NAME-def}|world",
      "${NOPE-def}|def",
      "${EMPTY-def}|''",
      "${NAME:+alt}|alt",
      "${NOPE:+alt}|''",
      "${EMPTY:+alt}|''",
      "${NAME+alt}|alt",
      "${NOPE+alt}|''",
      "${EMPTY+alt}|alt",
      "${NOPE:-$NAME}|world",
      "${NOPE:-${GREETING} ${NAME}}|hello world",
      "${NAME:?must be set}|world",
      "${EMPTY?must be set}|''",
  })
  void modifiers(String raw, String expected) {
    assertEquals(expected, x(raw));
  }

  @Test
  void questionMarkFailsWithTheMessage() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> x("${NOPE:?please set NOPE}"));
    assertTrue(e.getMessage().contains("NOPE: please set NOPE"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> x("${NOPE?}"));
    assertTrue(e.getMessage().contains("NOPE: is not allowed to be unset"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> x("${EMPTY:?}"));
    assertTrue(e.getMessage().contains("EMPTY: is not allowed to be empty"), e.getMessage());
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "${PATH_#*/}|usr/local/bin/app.tar.gz",
      "${PATH_##*/}|app.tar.gz",
      "${PATH_%.*}|/usr/local/bin/app.tar",
      "${PATH_%%.*}|/usr/local/bin/app",
      "${PATH_#/usr}|/local/bin/app.tar.gz",
      "${PATH_%gz}|/usr/local/bin/app.tar.",
      "${PATH_#nomatch}|/usr/local/bin/app.tar.gz",
      "${PATH_%.t?r.gz}|/usr/local/bin/app",
      "${NOPE#x}|''",
      "${GREETING/l/L}|heLlo",
      "${GREETING//l/L}|heLLo",
      "${GREETING//l*/X}|heX",
  })
  void patternModifiers(String raw, String expected) {
    assertEquals(expected, x(raw));
  }

  @Test
  void escapedStarInPatternIsLiteral() {
    Map<String, String> env = Map.of("V", "a*b*c");
    assertEquals("b*c", WordExpander.expand("${V#a\\*}", env::get, '\\'));
    assertEquals("a*b", WordExpander.expand("${V%\\*c}", env::get, '\\'));
  }

  @Test
  void singleQuotesAreLiteral() {
    assertEquals("$NAME and \\n", x("'$NAME and \\n'"));
    assertEquals("a world", x("'a' $NAME"));
  }

  @Test
  void doubleQuotesExpandAndKeepOtherBackslashes() {
    assertEquals("hello world", x("\"hello $NAME\""));
    assertEquals("say \"hi\"", x("\"say \\\"hi\\\"\""));
    assertEquals("$NAME", x("\"\\$NAME\""));
    assertEquals("a\\nb", x("\"a\\nb\""), "a backslash before an ordinary character stays");
    assertEquals("'world'", x("\"'$NAME'\""));
  }

  @Test
  void escapeOutsideQuotes() {
    assertEquals("$NAME", x("\\$NAME"));
    assertEquals("a b", x("a\\ b"));
    assertEquals("\"", x("\\\""));
    assertEquals("ab", x("ab\\"), "an escape at the very end is dropped");
  }

  @Test
  void backtickEscape() {
    assertEquals("$NAME", WordExpander.expand("`$NAME", ENV::get, '`'));
    assertEquals("C:\\path\\world", WordExpander.expand("C:\\path\\$NAME", ENV::get, '`'));
    assertEquals("a\"b", WordExpander.expand("\"a`\"b\"", ENV::get, '`'));
  }

  @Test
  void syntaxErrors() {
    assertThrows(IllegalArgumentException.class, () -> x("'open"));
    assertThrows(IllegalArgumentException.class, () -> x("\"open"));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> x("${NAME"));
    assertTrue(e.getMessage().contains("missing '}'"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> x("${}"));
    assertTrue(e.getMessage().contains("bad substitution"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> x("${NAME:-x"));
    assertTrue(e.getMessage().contains("missing '}'"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> x("${NAME^}"));
    assertTrue(e.getMessage().contains("unsupported modifier (^)"), e.getMessage());
    assertTrue(e.getMessage().contains("${NAME^}"), "the message names the value: " + e.getMessage());
  }

  @Test
  void wordsSplitOnUnquotedWhitespace() {
    assertEquals(List.of("80", "443/tcp"), w("80   443/tcp"));
    assertEquals(List.of("a b", "c"), w("\"a b\" c"));
    assertEquals(List.of("a b", "c"), w("'a b' c"));
    assertEquals(List.of("a b"), w("a\\ b"));
    assertEquals(List.of(), w("   "));
    assertEquals(List.of(), w("\"\""), "an empty quoted string is no word, as in BuildKit");
  }

  @Test
  void expandedValuesAreSplitButQuotedOnesAreNot() {
    assertEquals(List.of("x", "a", "b", "c"), w("x $SPACED"));
    assertEquals(List.of("x", "a b  c"), w("x \"$SPACED\""));
    assertEquals(List.of("pre-a", "b", "c"), w("pre-$SPACED"));
  }

  @Test
  void specialParametersAndDigits() {
    assertEquals("", x("$1"));
    assertEquals("x", x("$12x"), "a positional name is all its digits");
    assertEquals("", x("$@"));
    assertEquals("v", WordExpander.expand("$1", Map.of("1", "v")::get, '\\'));
  }
}
