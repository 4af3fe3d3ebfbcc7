package dev.jcompose.build;

import dev.jcompose.image.Image;
import dev.jcompose.image.ImageStore;
import dev.jcompose.linux.AtomicFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Optional;

/**
 * The build cache: a step's key (its parent image, the instruction with its variables expanded
 * and the digests of its inputs) → the image the step made. One small file per key, under
 * {@code <images>/build-cache}; an entry whose image or layers are gone is a miss.
 */
public final class BuildCache {
  private final Path dir;
  private final ImageStore store;

  public BuildCache(Path dir, ImageStore store) {
    this.dir = dir;
    this.store = store;
  }

  /** The image a step with this key made before, if it is still whole in the store. */
  public Optional<Image> lookup(String key) {
    Path f = dir.resolve(key);
    if (!Files.isRegularFile(f)) {
      return Optional.empty();
    }
    try {
      Optional<Image> image = store.get(Files.readString(f, StandardCharsets.US_ASCII).strip());
      return image.filter(i -> i.layerDirs().stream().allMatch(Files::isDirectory));
    } catch (IOException | RuntimeException e) {
      return Optional.empty(); // an unreadable entry is a miss; the step runs again and rewrites it
    }
  }

  public void put(String key, String imageId) {
    try {
      Files.createDirectories(dir);
      AtomicFiles.write(dir.resolve(key), imageId.getBytes(StandardCharsets.US_ASCII));
    } catch (IOException e) {
      throw new BuildException("could not write the build cache in " + dir + ": " + e.getMessage(), e);
    }
  }

  /** The key of a step: sha256 over its parts, each length-prefixed so no two lists collide. */
  public static String key(String... parts) {
    MessageDigest sha = sha256();
    for (String p : parts) {
      update(sha, p == null ? "\0null" : p);
    }
    return HexFormat.of().formatHex(sha.digest());
  }

  /** Adds {@code s} to {@code sha} prefixed by its length, so that no two sequences of parts digest alike. */
  static void update(MessageDigest sha, String s) {
    byte[] b = s.getBytes(StandardCharsets.UTF_8);
    sha.update((b.length + ":").getBytes(StandardCharsets.US_ASCII));
    sha.update(b);
  }

  static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("the JDK has no SHA-256", e);
    }
  }
}
