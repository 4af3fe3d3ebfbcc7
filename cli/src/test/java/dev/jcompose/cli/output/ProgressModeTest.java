package dev.jcompose.cli.output;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jcompose.cli.UserFacingException;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class ProgressModeTest {
  @Test
  void autoIsInPlaceOnATerminalOnly_unlessAnsiSaysOtherwise() {
    assertEquals(ProgressMode.TTY, ProgressMode.resolve(null, null, true));
    assertEquals(ProgressMode.PLAIN, ProgressMode.resolve(null, null, false));
    assertEquals(ProgressMode.PLAIN, ProgressMode.resolve("auto", "never", true));
    assertEquals(ProgressMode.TTY, ProgressMode.resolve(null, "always", false));
    assertEquals(ProgressMode.JSON, ProgressMode.resolve("json", "never", true));
    assertEquals(ProgressMode.QUIET, ProgressMode.resolve("Quiet", null, true));
  }

  @Test
  void badValuesSayWhatIsExpected() {
    UserFacingException e = assertThrows(UserFacingException.class, () -> ProgressMode.resolve("fancy", null, true));
    assertTrue(e.getMessage().contains("auto, tty, plain, json or quiet"), e.getMessage());
    e = assertThrows(UserFacingException.class, () -> ProgressMode.resolve(null, "sometimes", true));
    assertTrue(e.getMessage().contains("never, always or auto"), e.getMessage());
  }

  @Test
  void jsonIsOneObjectPerEvent_quietIsNothing() {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
    Progress json = Progress.of(out, ProgressMode.JSON, false);
    json.working("Container", "demo-web-1", "Starting");
    json.done("Container", "demo-web-1", "Started");
    String[] lines = bytes.toString(StandardCharsets.UTF_8).split("\n");
    assertEquals("{\"id\":\"Container demo-web-1\",\"status\":\"Starting\",\"state\":\"working\"}", lines[0]);
    assertEquals("{\"id\":\"Container demo-web-1\",\"status\":\"Started\",\"state\":\"done\"}", lines[1]);

    bytes.reset();
    Progress quiet = Progress.of(out, ProgressMode.QUIET, false);
    quiet.done("Container", "demo-web-1", "Started");
    quiet.warn("x");
    assertEquals("", bytes.toString(StandardCharsets.UTF_8));
  }
}
