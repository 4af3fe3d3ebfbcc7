package dev.jcompose.api.client;

/** The engine answered a request with an error status; the message is the engine's own. */
public class EngineApiException extends RuntimeException {
  private final int status;

  public EngineApiException(int status, String message) {
    super(message);
    this.status = status;
  }

  public int status() {
    return status;
  }

  public boolean isNotFound() {
    return status == 404;
  }

  public boolean isConflict() {
    return status == 409;
  }
}
