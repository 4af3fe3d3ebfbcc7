package dev.jcompose.cli.build;

import dev.jcompose.cli.UserFacingException;
import java.nio.file.Path;

/** The build context could not be prepared or sent; the message names the path and the fix. */
public class BuildContextException extends UserFacingException {
  private final Path path;

  public BuildContextException(Path path, String message) {
    super(message);
    this.path = path;
  }

  public BuildContextException(Path path, String message, Throwable cause) {
    super(message, cause);
    this.path = path;
  }

  /** The file or directory that caused the failure. */
  public Path path() {
    return path;
  }
}
