package dev.jcompose.engine.containers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class SignalNamesTest {

  @Test
  void parse_signalName_withSigPrefix() {
    assertEquals(15, SignalNames.parse("SIGTERM"));
    assertEquals(9, SignalNames.parse("SIGKILL"));
    assertEquals(1, SignalNames.parse("SIGHUP"));
  }

  @Test
  void parse_signalName_withoutSigPrefix() {
    assertEquals(2, SignalNames.parse("INT"));
    assertEquals(10, SignalNames.parse("USR1"));
    assertEquals(28, SignalNames.parse("WINCH"));
  }

  @Test
  void parse_signalName_anyCaseAndSurroundingSpace() {
    assertEquals(3, SignalNames.parse("sigquit"));
    assertEquals(12, SignalNames.parse(" usr2 "));
  }

  @Test
  void parse_number() {
    assertEquals(9, SignalNames.parse("9"));
    assertEquals(1, SignalNames.parse("1"));
    assertEquals(64, SignalNames.parse("64"), "real-time signals up to 64");
  }

  @Test
  void parse_nullOrBlank_isTerm() {
    assertEquals(15, SignalNames.parse(null));
    assertEquals(15, SignalNames.parse(""));
    assertEquals(15, SignalNames.parse("  "));
  }

  @Test
  void parse_unknownName_namesTheValue() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> SignalNames.parse("SIGFOO"));
    assertEquals("invalid signal: SIGFOO (use a name such as SIGTERM or a number 1-64)", e.getMessage());
  }

  @Test
  void parse_numberOutOfRange_isInvalid() {
    assertEquals("invalid signal: 0 (use a name such as SIGTERM or a number 1-64)",
        assertThrows(IllegalArgumentException.class, () -> SignalNames.parse("0")).getMessage());
    assertEquals("invalid signal: 65 (use a name such as SIGTERM or a number 1-64)",
        assertThrows(IllegalArgumentException.class, () -> SignalNames.parse("65")).getMessage());
  }

  @Test
  void parse_negativeOrMixed_isInvalid() {
    assertThrows(IllegalArgumentException.class, () -> SignalNames.parse("-9"));
    assertThrows(IllegalArgumentException.class, () -> SignalNames.parse("SIG"));
    assertThrows(IllegalArgumentException.class, () -> SignalNames.parse("SIG15"));
  }
}
