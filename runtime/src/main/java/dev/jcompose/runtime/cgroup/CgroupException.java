package dev.jcompose.runtime.cgroup;

/** A cgroup could not be found, created, configured or removed; the message says which file and why. */
public class CgroupException extends RuntimeException {
  public CgroupException(String message, Throwable cause) {
    super(message, cause);
  }

  public CgroupException(String message) {
    super(message);
  }
}
