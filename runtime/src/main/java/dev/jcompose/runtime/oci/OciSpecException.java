package dev.jcompose.runtime.oci;

/** A config.json this runtime cannot carry out; the message names the file and field, what is wrong and what to do. */
public final class OciSpecException extends RuntimeException {
  public OciSpecException(String message) {
    super(message);
  }
}
