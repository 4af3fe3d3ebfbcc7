package dev.jcompose.image;

import java.nio.file.Path;
import java.util.List;

/** An image in the local store: its id (sha256 of its config), names, config and unpacked layers (bottom first). */
public record Image(String id, List<String> repoTags, ImageConfig config, List<Path> layerDirs, long size) {
  public Image {
    repoTags = List.copyOf(repoTags);
    layerDirs = List.copyOf(layerDirs);
  }

  /** Layer directories top first, the order overlayfs wants for lowerdir. */
  public List<Path> lowerDirsTopFirst() {
    List<Path> reversed = new java.util.ArrayList<>(layerDirs);
    java.util.Collections.reverse(reversed);
    return reversed;
  }
}
