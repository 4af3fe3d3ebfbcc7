package dev.jcompose.runtime;

/** A running container's state could not be read: its monitor died without writing the exit status, or the file is damaged. */
public class ContainerStateException extends RuntimeException {
  public ContainerStateException(String message, Throwable cause) {
    super(message, cause);
  }
}
