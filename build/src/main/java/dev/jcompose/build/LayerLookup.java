package dev.jcompose.build;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * Looks a path up in an image's layer directories, newest first, without mounting them: the
 * first layer that has the path (or a whiteout for it) decides. Good for "is the destination a
 * directory?" and "with which mode and owner does this parent directory exist?"; for reading
 * whole trees mount the image ({@link dev.jcompose.linux.ReadOnlyOverlay}).
 */
final class LayerLookup {
  /** The attributes of a path in the image. */
  record Entry(boolean directory, int mode, int uid, int gid) {}

  private final List<Path> layersTopFirst;

  LayerLookup(List<Path> layersTopFirst) {
    this.layersTopFirst = List.copyOf(layersTopFirst);
  }

  /** {@code absolute}: a path in the image such as {@code /usr/local/bin}. */
  Optional<Entry> find(String absolute) {
    String rel = CopySources.clean(absolute);
    if (rel.isEmpty()) {
      return Optional.of(new Entry(true, 0755, 0, 0));
    }
    for (Path layer : layersTopFirst) {
      Path p = layer.resolve(rel);
      try {
        if (!Files.exists(p, LinkOption.NOFOLLOW_LINKS)) {
          continue;
        }
        int mode = (int) Files.getAttribute(p, "unix:mode", LinkOption.NOFOLLOW_LINKS);
        boolean whiteout = (mode & 0170000) == 0020000 && ((Number) Files.getAttribute(p, "unix:rdev", LinkOption.NOFOLLOW_LINKS)).longValue() == 0;
        if (whiteout) {
          return Optional.empty();
        }
        return Optional.of(new Entry(Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS), mode & 07777,
            (int) Files.getAttribute(p, "unix:uid", LinkOption.NOFOLLOW_LINKS),
            (int) Files.getAttribute(p, "unix:gid", LinkOption.NOFOLLOW_LINKS)));
      } catch (IOException e) {
        return Optional.empty();
      }
    }
    return Optional.empty();
  }

  boolean isDirectory(String absolute) {
    return find(absolute).map(Entry::directory).orElse(false);
  }
}
