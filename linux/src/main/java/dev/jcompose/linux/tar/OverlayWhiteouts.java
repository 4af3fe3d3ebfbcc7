package dev.jcompose.linux.tar;

import dev.jcompose.linux.HostCommand;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Writes overlayfs whiteouts into an unpacked layer, so that stacking it over lower layers
 * deletes what the image deleted: a character device 0/0 for a removed path, and the
 * {@code trusted.overlay.opaque=y} xattr for a directory whose lower contents are hidden.
 *
 * <p>Both need root (CAP_MKNOD, CAP_SYS_ADMIN for trusted.* xattrs). They are made by GNU tar
 * from a small archive built here, so that one process does them all.
 */
public final class OverlayWhiteouts {
  static final String OPAQUE_XATTR = "SCHILY.xattr.trusted.overlay.opaque";

  private OverlayWhiteouts() {}

  /** An opaque directory with the owner and mode the layer gave it (re-applied when the xattr is set). */
  public record OpaqueDir(String path, int mode, long uid, long gid) {}

  /** Applies {@code deleted} (paths relative to {@code layerDir}) and {@code opaque} directories. */
  public static void apply(Path layerDir, List<String> deleted, List<OpaqueDir> opaque) {
    if (deleted.isEmpty() && opaque.isEmpty()) {
      return;
    }
    HostCommand.Result r = HostCommand.runAllowingFailure(List.of("tar", "-x", "-f", "-", "-C", layerDir.toString(),
        "--numeric-owner", "--same-owner", "--same-permissions", "--xattrs", "--xattrs-include=trusted.*"),
        archive(deleted, opaque));
    if (!r.ok()) {
      throw new dev.jcompose.linux.HostCommandException("could not write overlayfs whiteouts into " + layerDir + ": "
          + r.stderr().strip() + " (whiteouts need root: CAP_MKNOD and CAP_SYS_ADMIN)", r.argv(), r.exitCode(), r.stderr(), null);
    }
  }

  static byte[] archive(List<String> deleted, List<OpaqueDir> opaque) {
    TarHeaderWriter tar = new TarHeaderWriter();
    for (OpaqueDir d : opaque) {
      tar.entry(d.path(), TarHeaderWriter.DIRECTORY, d.mode(), d.uid(), d.gid(), 0, 0, Map.of(OPAQUE_XATTR, "y"));
    }
    for (String path : deleted) {
      tar.entry(path, TarHeaderWriter.CHAR_DEVICE, 0, 0, 0, 0, 0, Map.of());
    }
    return tar.finish();
  }
}
