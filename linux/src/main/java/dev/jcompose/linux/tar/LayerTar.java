package dev.jcompose.linux.tar;

import dev.jcompose.linux.HostCommand;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Extracts an image layer with GNU tar (which detects gzip and zstd itself), leaving out the
 * OCI whiteout entries ({@code .wh.*}): those are turned into overlayfs whiteouts by
 * {@link OverlayWhiteouts} after extraction. The caller checks the layer for hostile entries first.
 */
public final class LayerTar {
  private LayerTar() {}

  /** Extracts {@code layer} into the existing, empty directory {@code into}. */
  public static void extract(Path layer, Path into) {
    List<String> argv = new ArrayList<>(List.of("tar", "-x", "-f", layer.toString(), "-C", into.toString(),
        "--numeric-owner", "--delay-directory-restore", "--exclude=.wh.*"));
    if (isRoot()) {
      argv.addAll(List.of("--same-owner", "--same-permissions", "--xattrs", "--xattrs-include=*"));
    } else {
      argv.add("--no-same-permissions");
    }
    HostCommand.run(argv);
  }

  static boolean isRoot() {
    return "root".equals(System.getProperty("user.name"));
  }
}
