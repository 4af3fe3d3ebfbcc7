package dev.jcompose.runtime.helper;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;

/**
 * Installs the jc-helper binary packaged in this jar under {@code <stateRoot>/bin}, named by
 * its content hash ({@code jc-helper-<first 16 hex digits of sha256>}), mode 755. An existing
 * file of that name is used only when its content matches, so a tampered or truncated copy is
 * replaced rather than run.
 */
public final class HelperBinary {
  /** Where the build (exec-maven-plugin, {@code cc}) puts the helper on the class path. */
  public static final String RESOURCE = "/dev/jcompose/runtime/native/jc-helper";

  private HelperBinary() {}

  /** Installs the helper (if needed) and returns its path. */
  public static Path install(Path stateRoot) throws IOException {
    byte[] content = packaged();
    String hash = sha256(content);
    Path bin = stateRoot.resolve("bin");
    Files.createDirectories(bin);
    Path target = bin.resolve("jc-helper-" + hash.substring(0, 16));
    if (Files.isRegularFile(target) && Arrays.equals(Files.readAllBytes(target), content)
        && Files.isExecutable(target)) {
      return target;
    }
    Path tmp = Files.createTempFile(bin, ".jc-helper-", ".tmp");
    try {
      Files.write(tmp, content);
      Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rwxr-xr-x"));
      try {
        Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
      }
    } finally {
      Files.deleteIfExists(tmp);
    }
    return target;
  }

  private static byte[] packaged() throws IOException {
    try (InputStream in = HelperBinary.class.getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new IOException("the jc-helper binary (" + RESOURCE + ") is not on the class path; "
            + "build the runtime module with a C compiler (mvn -pl runtime install runs cc)");
      }
      return in.readAllBytes();
    }
  }

  static String sha256(byte[] content) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK has SHA-256", e);
    }
  }
}
