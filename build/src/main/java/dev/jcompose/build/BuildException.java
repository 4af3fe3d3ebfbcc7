package dev.jcompose.build;

/**
 * A build that failed: the message says which step (its number, Dockerfile line and instruction),
 * what went wrong and, where there is one, what to do.
 */
public final class BuildException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public BuildException(String message) {
    super(message);
  }

  public BuildException(String message, Throwable cause) {
    super(message, cause);
  }
}
