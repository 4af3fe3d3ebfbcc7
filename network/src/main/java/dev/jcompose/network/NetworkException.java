package dev.jcompose.network;

/**
 * A network operation failed. The message says what was tried, why it failed and what to do;
 * the {@link Kind} lets the API and the CLI map it to a status or an exit code.
 */
public class NetworkException extends RuntimeException {

  /** The category of a failure. */
  public enum Kind {
    /** The request itself is wrong (a gateway outside its subnet, a bad port): HTTP 400. */
    INVALID_ARGUMENT,
    /** It clashes with something that exists (an allocated port, an overlapping subnet): HTTP 409. */
    CONFLICT,
    /** The address space is used up (no free subnet, no free address): HTTP 403/409 in Docker. */
    EXHAUSTED,
    /** The host refused a change (a tool failed, a sysctl is read-only): HTTP 500. */
    HOST_FAILURE
  }

  private final Kind kind;

  public NetworkException(Kind kind, String message) {
    this(kind, message, null);
  }

  public NetworkException(Kind kind, String message, Throwable cause) {
    super(message, cause);
    this.kind = kind;
  }

  /** "Tried to ACTION but failed because: WHY. HINT" — the shape of every host failure. */
  static NetworkException hostFailure(String action, Throwable cause, String hint) {
    String why = cause.getMessage() == null ? cause.toString() : cause.getMessage().strip();
    return new NetworkException(Kind.HOST_FAILURE,
        "Tried to " + action + " but failed because: " + why + (hint == null || hint.isEmpty() ? "" : ". " + hint),
        cause);
  }

  public Kind kind() {
    return kind;
  }
}
