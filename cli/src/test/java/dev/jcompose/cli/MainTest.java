package dev.jcompose.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jcompose.cli.commands.VersionCommand;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link Main#execute}: what the user sees on stdout and stderr, and the exit code. */
class MainTest {
  @TempDir
  Path dir;

  record Run(int code, String out, String err) {}

  /** Runs the CLI in-process with stdout and stderr captured (picocli reads System.out/err at first use). */
  static Run run(String... args) {
    PrintStream oldOut = System.out;
    PrintStream oldErr = System.err;
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    try {
      System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
      System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
      int code = Main.execute(args);
      return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    } finally {
      System.setOut(oldOut);
      System.setErr(oldErr);
    }
  }

  @Test
  void execute_version() {
    Run r = run("--version");
    assertEquals(0, r.code());
    assertEquals("jcompose version " + VersionCommand.VERSION + System.lineSeparator(), r.out());
    assertEquals("", r.err());
  }

  @Test
  void execute_versionCommand() {
    Run r = run("version");
    assertEquals(0, r.code());
    assertEquals("jcompose version " + VersionCommand.VERSION + System.lineSeparator(), r.out());
  }

  @Test
  void execute_versionIsSemantic() {
    assertTrue(VersionCommand.VERSION.matches("[0-9]+\\.[0-9]+\\.[0-9]+"), VersionCommand.VERSION);
  }

  @Test
  void execute_noArguments_printsUsage() {
    Run r = run();
    assertEquals(0, r.code());
    assertTrue(r.out().startsWith("Usage: jcompose "), r.out());
    for (String command : new String[] {"up", "down", "ps", "logs", "engine", "version"}) {
      assertTrue(r.out().contains("\n  " + command + " "), "usage lists " + command + ":\n" + r.out());
    }
  }

  @Test
  void execute_unknownOption_isUsageErrorWithCommandUsage() {
    Run r = run("up", "--bogus");
    assertEquals(2, r.code());
    assertTrue(r.err().startsWith("Unknown option: '--bogus'"), r.err());
    assertTrue(r.err().contains("Usage: jcompose up"), r.err());
    assertEquals("", r.out());
  }

  @Test
  void execute_unknownCommand_isUsageError() {
    Run r = run("upp");
    assertEquals(2, r.code());
    assertTrue(r.err().startsWith("Unmatched argument at index 0: 'upp'"), r.err());
    assertTrue(r.err().contains("Did you mean: up?") || r.err().contains("Did you mean: jcompose up?"), r.err());
  }

  @Test
  void execute_invalidPsStatus_explainsWithoutStackTraceHint() {
    Run r = run("ps", "--status", "sleeping");
    assertEquals(1, r.code());
    assertEquals("error: invalid status \"sleeping\": use one of [created, dead, exited, paused, removing, restarting, running]"
        + System.lineSeparator(), r.err());
  }

  @Test
  void execute_missingComposeFile_isInvalidFileExitCode() {
    Path missing = dir.resolve("nope.yaml");
    Run r = run("-f", missing.toString(), "ps");
    assertEquals(15, r.code(), r.err());
    assertTrue(r.err().contains("nope.yaml"), r.err());
    assertTrue(r.err().contains("no such file"), r.err());
    assertFalse(r.err().contains("--stacktrace"), r.err());
    assertFalse(r.err().contains("\tat "), "no stack trace: " + r.err());
  }
}
