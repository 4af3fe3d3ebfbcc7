package dev.jcompose.image;

/** An image could not be found, imported or read; the message says what to do. */
public class ImageException extends RuntimeException {
  public enum Kind { INVALID, NOT_FOUND, IO }

  private final Kind kind;

  public ImageException(Kind kind, String message, Throwable cause) {
    super(message, cause);
    this.kind = kind;
  }

  public Kind kind() {
    return kind;
  }
}
