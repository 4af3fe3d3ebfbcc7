package dev.jcompose.image.layer;

import dev.jcompose.image.Digest;
import dev.jcompose.image.ImageException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;

/** Reads a layer blob once in Java, before anything is unpacked: decompresses, hashes and checks every member. */
public final class LayerScanner {
  private LayerScanner() {}

  public static LayerScan scan(Path blob) {
    LayerCompression compression;
    try (InputStream raw = Files.newInputStream(blob)) {
      compression = LayerCompression.detect(raw.readNBytes(4));
    } catch (IOException e) {
      throw new ImageException(ImageException.Kind.IO, "reading layer " + blob + " failed: " + e.getMessage(), e);
    }
    MessageDigest sha = Digest.sha256();
    LayerEntryChecker checker = new LayerEntryChecker();
    try (InputStream in = new DigestInputStream(LayerCompression.decompressing(Files.newInputStream(blob)), sha)) {
      TarHeaderReader reader = new TarHeaderReader(in);
      int members = 0;
      for (TarHeader h = reader.next(); h != null; h = reader.next()) {
        checker.check(h);
        members++;
      }
      in.transferTo(java.io.OutputStream.nullOutputStream()); // the trailing zero blocks count in the diff id
      if (members == 0) {
        throw new IOException("the archive has no members");
      }
    } catch (IOException e) {
      throw new ImageException(ImageException.Kind.INVALID, "layer " + blob.getFileName() + " (" + compression.name().toLowerCase()
          + ") is not a tar archive jcompose can read: " + e.getMessage(), e);
    }
    return new LayerScan(Digest.of(sha), compression, checker.deleted(), checker.opaqueDirs());
  }
}
