package dev.jcompose.runtime;

/**
 * A container could not be prepared, started or cleaned up. The message says what was tried,
 * why it failed and what to do: {@code container web-1: could not start the command:
 * exec "nosuch": No such file or directory. Check ...}.
 */
public class RuntimeSetupException extends RuntimeException {
  private final String containerId;
  private final String reason;

  public RuntimeSetupException(String containerId, String action, String reason, String hint, Throwable cause) {
    super((containerId == null ? "" : "container " + containerId + ": ") + "could not " + action + ": " + reason
        + (hint == null || hint.isEmpty() ? "" : ". " + hint), cause);
    this.containerId = containerId;
    this.reason = reason;
  }

  /** The container concerned, or null for runtime-wide failures. */
  public String containerId() {
    return containerId;
  }

  /** Why it failed, without the action and hint (for a helper failure, its message as is). */
  public String reason() {
    return reason;
  }
}
