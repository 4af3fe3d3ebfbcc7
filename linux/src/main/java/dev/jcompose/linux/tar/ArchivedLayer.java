package dev.jcompose.linux.tar;

/**
 * What {@link LayerArchiver} wrote: the uncompressed layer tar's digest (the layer's diff id in
 * an image config) and its length.
 *
 * @param diffId {@code "sha256:<64 hex digits>"}
 * @param size the number of bytes written
 */
public record ArchivedLayer(String diffId, long size) {
  public ArchivedLayer {
    if (!diffId.matches("sha256:[0-9a-f]{64}")) {
      throw new IllegalArgumentException("not a sha256 digest: " + diffId);
    }
  }

  /** The 64 hex digits of {@link #diffId()}. */
  public String hex() {
    return diffId.substring("sha256:".length());
  }
}
