package dev.jcompose.cli;

/** An error whose message is complete for the user: what was tried, why it failed, what to do. */
public class UserFacingException extends RuntimeException {
  public UserFacingException(String message) {
    super(message);
  }

  public UserFacingException(String message, Throwable cause) {
    super(message, cause);
  }
}
