package dev.jcompose.linux;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class HostCommandTest {

  @Test
  void run_feedsStdinAndCapturesStdout() {
    HostCommand.Result r = HostCommand.run(List.of("cat"), "hello\n");
    assertEquals("hello\n", r.stdout());
    assertEquals(0, r.exitCode());
  }

  @Test
  void run_nonZeroExit_messageNamesCommandAndStderr() {
    HostCommandException e = assertThrows(HostCommandException.class,
        () -> HostCommand.run(List.of("sh", "-c", "echo boom >&2; exit 3")));
    assertEquals(3, e.exitCode());
    assertTrue(e.getMessage().contains("exit code 3"), e.getMessage());
    assertTrue(e.getMessage().contains("boom"), e.getMessage());
  }

  @Test
  void run_missingProgram_saysWhichPackage() {
    HostCommandException e = assertThrows(HostCommandException.class,
        () -> HostCommand.run(List.of("/nonexistent/jc-no-such-tool")));
    assertTrue(e.getMessage().contains("could not start"), e.getMessage());
  }
}
