package dev.jcompose.image.layer;

import dev.jcompose.image.Digest;
import dev.jcompose.image.ImageException;
import dev.jcompose.linux.FileTrees;
import dev.jcompose.linux.HostCommandException;
import dev.jcompose.linux.tar.LayerTar;
import dev.jcompose.linux.tar.OverlayWhiteouts;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Unpacks one layer blob into its own snapshot directory, to be stacked by overlayfs over the
 * layers below it. The blob is checked in full first ({@link LayerScanner}); GNU tar then
 * unpacks it into a {@code .partial-} directory, OCI whiteouts become overlayfs whiteouts, and
 * only a complete snapshot is renamed into place.
 */
public final class LayerUnpacker {
  /** One unpack per snapshot at a time, so that two pulls sharing a layer do not collide in its .partial- directory. */
  private static final java.util.concurrent.ConcurrentHashMap<Path, Object> LOCKS = new java.util.concurrent.ConcurrentHashMap<>();

  private LayerUnpacker() {}

  /**
   * Unpacks {@code blob} into {@code layersDir/<diff id hex>} unless that exists. When
   * {@code expectedDiffId} is given (from the image config), a layer whose uncompressed content
   * does not match is refused.
   *
   * @return the scan of the layer (its diff id and whiteouts)
   */
  public static LayerScan unpack(Path blob, Digest expectedDiffId, Path layersDir) {
    LayerScan scan = LayerScanner.scan(blob);
    Path target = layersDir.resolve(scan.diffId().hex());
    if (expectedDiffId != null && !expectedDiffId.equals(scan.diffId())) {
      throw new ImageException(ImageException.Kind.INVALID, "layer " + blob.getFileName() + " uncompresses to " + scan.diffId()
          + " but the image config says " + expectedDiffId + " (a corrupt or tampered layer; pull the image again)", null);
    }
    synchronized (LOCKS.computeIfAbsent(target.toAbsolutePath(), k -> new Object())) {
      if (!Files.isDirectory(target)) {
        extract(blob, scan, target);
      }
    }
    return scan;
  }

  private static void extract(Path blob, LayerScan scan, Path target) {
    Path partial = target.resolveSibling(".partial-" + target.getFileName());
    try {
      FileTrees.deleteTree(partial);
      Files.createDirectories(partial);
      try (java.io.InputStream tar = LayerCompression.decompressing(Files.newInputStream(blob))) {
        LayerTar.extract(tar, partial);
      }
      OverlayWhiteouts.apply(partial, scan.deleted(), scan.opaqueDirs());
      Files.move(partial, target, StandardCopyOption.ATOMIC_MOVE);
    } catch (HostCommandException e) {
      throw new ImageException(ImageException.Kind.INVALID, "unpacking layer " + blob.getFileName() + " failed: " + e.getMessage(), e);
    } catch (IOException e) {
      throw new ImageException(ImageException.Kind.IO, "unpacking layer " + blob.getFileName() + " into " + target + " failed: "
          + e.getMessage(), e);
    } finally {
      try {
        FileTrees.deleteTree(partial);
      } catch (IOException ignored) {
        // a leftover .partial- directory is removed by the next unpack of this layer
      }
    }
  }
}
