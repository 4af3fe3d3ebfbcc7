package dev.jcompose.api.client;

/** No engine answers on the socket. */
public class EngineUnavailableException extends RuntimeException {
  public EngineUnavailableException(String message, Throwable cause) {
    super(message, cause);
  }
}
