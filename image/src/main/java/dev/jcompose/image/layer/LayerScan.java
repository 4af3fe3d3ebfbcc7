package dev.jcompose.image.layer;

import dev.jcompose.image.Digest;
import dev.jcompose.linux.tar.OverlayWhiteouts;
import java.util.List;

/** What a check of a whole layer found: its diff id (the sha256 of the uncompressed tar) and its whiteouts. */
public record LayerScan(Digest diffId, LayerCompression compression, List<String> deleted, List<OverlayWhiteouts.OpaqueDir> opaqueDirs) {
  public LayerScan {
    deleted = List.copyOf(deleted);
    opaqueDirs = List.copyOf(opaqueDirs);
  }

  public boolean hasWhiteouts() {
    return !deleted.isEmpty() || !opaqueDirs.isEmpty();
  }
}
