package dev.jcompose.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jcompose.api.client.EngineApiException;
import dev.jcompose.api.client.EngineUnavailableException;
import dev.jcompose.cli.engine.EngineStartException;
import dev.jcompose.compose.ComposeFileException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class ErrorReporterTest {
  private static final String NL = System.lineSeparator();

  record Report(int code, String err) {}

  private static Report report(boolean stacktrace, Exception e) {
    PrintStream old = System.err;
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    try {
      System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
      int code = new ErrorReporter(stacktrace).handleExecutionException(e, Main.commandLine(), null);
      return new Report(code, err.toString(StandardCharsets.UTF_8));
    } finally {
      System.setErr(old);
    }
  }

  @Test
  void engineError_isPrefixedLikeDocker() {
    Report r = report(false, new EngineApiException(404, "No such container: web"));
    assertEquals(ErrorReporter.EXIT_FAILURE, r.code());
    assertEquals("Error response from engine: No such container: web" + NL, r.err());
  }

  @Test
  void engineUnavailable_exit14() {
    Report r = report(false, new EngineUnavailableException("cannot talk to the jcompose engine at /run/x.sock: refused", null));
    assertEquals(14, r.code());
    assertEquals("error: cannot talk to the jcompose engine at /run/x.sock: refused" + NL, r.err());
  }

  @Test
  void engineStartFailure_exit14() {
    Report r = report(false, new EngineStartException("the engine did not start; see /var/lib/jcompose/engine.log"));
    assertEquals(14, r.code());
    assertEquals("error: the engine did not start; see /var/lib/jcompose/engine.log" + NL, r.err());
  }

  @Test
  void composeFileError_exit15_messageAsIs() {
    ComposeFileException e = ComposeFileException.of(ComposeFileException.Category.INVALID, "compose.yaml: services.web: bad");
    Report r = report(false, e);
    assertEquals(15, r.code());
    assertEquals(e.getMessage() + NL, r.err());
  }

  @Test
  void userFacingError_noStacktraceHint() {
    Report r = report(false, new UserFacingException("no such service: wbe (the project has web, db)"));
    assertEquals(1, r.code());
    assertEquals("error: no such service: wbe (the project has web, db)" + NL, r.err());
  }

  @Test
  void unexpectedError_suggestsStacktrace() {
    Report r = report(false, new IOException("disk full"));
    assertEquals(1, r.code());
    assertEquals("error: disk full" + NL + "(run again with --stacktrace to see where it happened)" + NL, r.err());
  }

  @Test
  void unexpectedErrorWithoutMessage_showsItsType() {
    Report r = report(false, new NullPointerException());
    assertTrue(r.err().startsWith("error: java.lang.NullPointerException" + NL), r.err());
  }

  @Test
  void withStacktrace_printsTheTraceAndNoHint() {
    Report r = report(true, new IllegalStateException("boom"));
    assertTrue(r.err().startsWith("java.lang.IllegalStateException: boom" + NL + "\tat "), r.err());
    assertTrue(r.err().endsWith("error: boom" + NL), r.err());
  }
}
