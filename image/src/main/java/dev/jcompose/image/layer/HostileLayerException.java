package dev.jcompose.image.layer;

import dev.jcompose.image.ImageException;

/** A layer has an entry that would write outside its snapshot directory; nothing of it was unpacked. */
public final class HostileLayerException extends ImageException {
  private final String entry;

  public HostileLayerException(String entry, String why) {
    super(Kind.INVALID, "refusing layer entry \"" + entry + "\": " + why
        + "; nothing of this layer was unpacked (the image is broken or malicious; pull it from a source you trust)", null);
    this.entry = entry;
  }

  /** The entry's name as written in the archive. */
  public String entry() {
    return entry;
  }
}
