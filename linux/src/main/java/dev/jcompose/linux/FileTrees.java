package dev.jcompose.linux;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/** Copies and deletes directory trees, keeping owners, modes, links and xattrs (cp -a). */
public final class FileTrees {
  private FileTrees() {}

  /** Copies the contents of {@code from} into the existing directory {@code into}. */
  public static void copyContents(Path from, Path into) {
    HostCommand.run(List.of("cp", "-a", "--", from + "/.", into.toString()));
  }

  /**
   * Copies {@code from} (a file, symbolic link or directory tree) to {@code to}, which must not
   * exist, keeping modes, times, links and xattrs; owners are set by {@link #chown} afterwards.
   */
  public static void copy(Path from, Path to) {
    HostCommand.run(List.of("cp", "-a", "--no-target-directory", "--", from.toString(), to.toString()));
  }

  /** Sets the owner of {@code path} and everything below it, symbolic links themselves (not their targets). */
  public static void chown(Path path, int uid, int gid) {
    HostCommand.run(List.of("chown", "-R", "-h", "--", uid + ":" + gid, path.toString()));
  }

  /** Sets the permission bits of {@code path} and everything below it except symbolic links. */
  public static void chmod(Path path, int mode) {
    HostCommand.run(List.of("find", path.toString(), "!", "-type", "l", "-exec", "chmod", Integer.toOctalString(mode), "{}", "+"));
  }

  /** Deletes {@code dir} and everything below it, without following symbolic links; absent is fine. */
  public static void deleteTree(Path dir) throws IOException {
    if (!Files.exists(dir, LinkOption.NOFOLLOW_LINKS)) {
      return;
    }
    try (Stream<Path> walk = Files.walk(dir)) {
      for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }

  /** Deletes everything below {@code dir} but keeps {@code dir} itself, without following symbolic links. */
  public static void deleteContents(Path dir) throws IOException {
    try (Stream<Path> entries = Files.list(dir)) {
      for (Path p : entries.toList()) {
        deleteTree(p);
      }
    }
  }
}
