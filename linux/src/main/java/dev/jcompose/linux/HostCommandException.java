package dev.jcompose.linux;

import java.util.List;

/** A host program failed or could not be started. Keeps the command line and its stderr. */
public class HostCommandException extends RuntimeException {
  private final List<String> argv;
  private final int exitCode;
  private final String stderr;

  public HostCommandException(String message, List<String> argv, int exitCode, String stderr, Throwable cause) {
    super(message, cause);
    this.argv = List.copyOf(argv);
    this.exitCode = exitCode;
    this.stderr = stderr;
  }

  public List<String> argv() {
    return argv;
  }

  public int exitCode() {
    return exitCode;
  }

  public String stderr() {
    return stderr;
  }
}
