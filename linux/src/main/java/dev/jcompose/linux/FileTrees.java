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
}
