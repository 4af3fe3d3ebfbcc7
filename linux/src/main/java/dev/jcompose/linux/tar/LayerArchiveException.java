package dev.jcompose.linux.tar;

import dev.jcompose.linux.HostCommandException;
import java.nio.file.Path;
import java.util.List;

/** A directory could not be archived as an image layer; the message says which and why (with tar's stderr, if any). */
public class LayerArchiveException extends HostCommandException {
  private final Path dir;

  public LayerArchiveException(Path dir, String why, List<String> argv, int exitCode, String stderr, Throwable cause) {
    super("archiving " + dir + " as an image layer failed: " + why, argv, exitCode, stderr, cause);
    this.dir = dir;
  }

  /** The directory that was being archived. */
  public Path dir() {
    return dir;
  }
}
