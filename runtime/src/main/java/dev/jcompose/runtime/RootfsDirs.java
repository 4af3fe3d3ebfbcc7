package dev.jcompose.runtime;

import dev.jcompose.linux.proc.MountInfo;
import java.io.IOException;
import java.nio.file.FileStore;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/** Creates and removes a container's overlay dirs (upper, work, merged) in its state dir. */
final class RootfsDirs {
  private RootfsDirs() {}

  static void create(ContainerFiles files) throws IOException {
    Files.createDirectories(files.stateDir());
    FileStore store = Files.getFileStore(files.stateDir());
    if (store.type().equals("overlay")) {
      throw new IOException(files.stateDir() + " is on overlayfs, which cannot hold an overlay upper dir; "
          + "put the state root on a real filesystem or a tmpfs (--root)");
    }
    Files.createDirectories(files.upperDir());
    Files.createDirectories(files.workDir());
    Files.createDirectories(files.mergedDir());
  }

  /**
   * Deletes upper, work and merged. Refuses when anything is mounted below the state dir in
   * the engine's mount namespace (the overlay lives only in the container's), so a stray mount
   * can never make this delete through into a volume.
   */
  static void remove(ContainerFiles files) throws IOException {
    List<String> mounted = MountInfo.readSelf().stream()
        .filter(m -> m.isAtOrBelow(files.stateDir().toString())).map(MountInfo::mountPoint).toList();
    if (!mounted.isEmpty()) {
      throw new IOException("still mounted below " + files.stateDir() + ": " + String.join(", ", mounted)
          + " (unmount them, then clean up again)");
    }
    deleteTree(files.upperDir());
    deleteTree(files.workDir());
    deleteTree(files.mergedDir());
  }

  private static void deleteTree(Path dir) throws IOException {
    if (!Files.exists(dir, LinkOption.NOFOLLOW_LINKS)) {
      return;
    }
    try (Stream<Path> walk = Files.walk(dir)) { // does not follow symbolic links
      for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }
}
