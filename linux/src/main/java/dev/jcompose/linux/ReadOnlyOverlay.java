package dev.jcompose.linux;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;

/**
 * An image's file system, read-only, in the engine's own mount namespace: the overlay of its
 * layer directories mounted on a directory of ours (one layer needs no mount, none is an empty
 * directory). {@link #close()} unmounts it. Needs root when there are two layers or more.
 */
public final class ReadOnlyOverlay implements AutoCloseable {
  private final Path root;
  private final boolean mounted;

  private ReadOnlyOverlay(Path root, boolean mounted) {
    this.root = root;
    this.mounted = mounted;
  }

  /** Mounts {@code lowerTopFirst} on {@code mountPoint} (created; it must be empty or absent). */
  public static ReadOnlyOverlay mount(List<Path> lowerTopFirst, Path mountPoint) throws IOException {
    if (lowerTopFirst.size() == 1) {
      return new ReadOnlyOverlay(lowerTopFirst.get(0), false);
    }
    Files.createDirectories(mountPoint);
    if (lowerTopFirst.isEmpty()) {
      return new ReadOnlyOverlay(mountPoint, false);
    }
    for (Path p : lowerTopFirst) {
      if (p.toString().contains(",") || p.toString().contains(":")) {
        throw new IOException("layer dir " + p + " has a ',' or ':' in its path, which overlayfs options cannot carry");
      }
    }
    String lower = lowerTopFirst.stream().map(Path::toString).collect(Collectors.joining(":"));
    HostCommand.Result r = HostCommand.runAllowingFailure(List.of("mount", "-t", "overlay", "overlay", "-o", "ro,lowerdir=" + lower,
        mountPoint.toString()), new byte[0]);
    if (!r.ok()) {
      throw new IOException("mounting the image's layers read-only on " + mountPoint + " failed: " + r.stderr().strip()
          + " (this needs root and overlayfs)");
    }
    return new ReadOnlyOverlay(mountPoint, true);
  }

  /** The image's root directory. */
  public Path root() {
    return root;
  }

  @Override
  public void close() throws IOException {
    if (!mounted) {
      return;
    }
    HostCommand.Result r = HostCommand.runAllowingFailure(List.of("umount", root.toString()), new byte[0]);
    if (!r.ok()) {
      HostCommand.Result lazy = HostCommand.runAllowingFailure(List.of("umount", "-l", root.toString()), new byte[0]);
      if (!lazy.ok()) {
        throw new IOException("could not unmount " + root + ": " + r.stderr().strip());
      }
    }
  }
}
