package dev.jcompose.linux.proc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class SignalsTest {

  @Test
  void parse_acceptsNumbersNamesAndSigPrefix() {
    assertEquals(15, Signals.parse("SIGTERM"));
    assertEquals(15, Signals.parse("term"));
    assertEquals(9, Signals.parse("9"));
    assertEquals(1, Signals.parse("HUP"));
    assertEquals(37, Signals.parse("SIGRTMIN+3"));
  }

  @Test
  void parse_unknown_saysWhatIsAccepted() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Signals.parse("SIGFOO"));
    assertTrue(e.getMessage().contains("unknown signal \"SIGFOO\""), e.getMessage());
  }

  @Test
  void send_deliversTermAndOtherSignals() throws Exception {
    for (int signal : new int[] {Signals.SIGTERM, Signals.SIGUSR1, Signals.SIGKILL}) {
      Process sleeper = new ProcessBuilder("sleep", "30").start();
      assertTrue(Signals.send(sleeper.pid(), signal));
      assertTrue(sleeper.waitFor(10, TimeUnit.SECONDS));
      assertEquals(128 + signal, sleeper.exitValue());
    }
  }

  @Test
  void send_toExitedProcess_returnsFalse() throws Exception {
    Process p = new ProcessBuilder("true").start();
    p.waitFor();
    assertFalse(Signals.send(p.pid(), Signals.SIGUSR1));
    assertFalse(Signals.send(p.pid(), Signals.SIGTERM));
  }
}
