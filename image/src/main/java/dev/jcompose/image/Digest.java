package dev.jcompose.image;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.regex.Pattern;

/** A content digest, {@code sha256:<64 hex>}: the name of every blob in the store and in a registry. */
public record Digest(String hex) {
  private static final Pattern SHA256 = Pattern.compile("sha256:([0-9a-f]{64})");

  public Digest {
    if (hex == null || !hex.matches("[0-9a-f]{64}")) {
      throw new IllegalArgumentException("a sha256 digest is 64 lowercase hex digits, got \"" + hex + "\"");
    }
  }

  /** Parses {@code sha256:<hex>}; other algorithms are refused, since jcompose verifies with sha256 only. */
  public static Digest parse(String text) {
    var m = text == null ? null : SHA256.matcher(text);
    if (m == null || !m.matches()) {
      throw new IllegalArgumentException("unsupported or malformed digest \"" + text + "\" (expected sha256:<64 hex digits>)");
    }
    return new Digest(m.group(1));
  }

  public static Digest of(byte[] content) {
    return new Digest(HexFormat.of().formatHex(sha256().digest(content)));
  }

  public static Digest of(MessageDigest finished) {
    return new Digest(HexFormat.of().formatHex(finished.digest()));
  }

  public static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("the JDK has no SHA-256", e);
    }
  }

  public String shortHex() {
    return hex.substring(0, 12);
  }

  @Override
  public String toString() {
    return "sha256:" + hex;
  }
}
