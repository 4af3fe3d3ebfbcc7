package dev.jcompose.volume;

/** A volume could not be created, found or removed; the message says which and what to do. */
public class VolumeException extends RuntimeException {
  public enum Kind { INVALID, NOT_FOUND, CONFLICT, IO }

  private final Kind kind;

  public VolumeException(Kind kind, String message, Throwable cause) {
    super(message, cause);
    this.kind = kind;
  }

  public Kind kind() {
    return kind;
  }
}
