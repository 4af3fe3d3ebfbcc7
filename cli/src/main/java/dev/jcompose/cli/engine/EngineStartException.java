package dev.jcompose.cli.engine;

/** The engine could not be found or started. */
public class EngineStartException extends RuntimeException {
  public EngineStartException(String message) {
    super(message);
  }

  public EngineStartException(String message, Throwable cause) {
    super(message, cause);
  }
}
