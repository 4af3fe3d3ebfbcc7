package dev.jcompose.image.layer;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/** Builds tar archives byte by byte in tests, including entries no well-behaved tool would write. */
final class TestTar {
  private final ByteArrayOutputStream out = new ByteArrayOutputStream();

  TestTar dir(String name) {
    return entry(name, '5', "", new byte[0], 0755);
  }

  TestTar file(String name, String content) {
    return entry(name, '0', "", content.getBytes(StandardCharsets.UTF_8), 0644);
  }

  TestTar symlink(String name, String target) {
    return entry(name, '2', target, new byte[0], 0777);
  }

  TestTar hardlink(String name, String target) {
    return entry(name, '1', target, new byte[0], 0644);
  }

  TestTar entry(String name, char type, String link, byte[] content, int mode) {
    byte[] h = new byte[512];
    put(h, 0, name);
    octal(h, 100, 8, mode);
    octal(h, 108, 8, 0);
    octal(h, 116, 8, 0);
    octal(h, 124, 12, content.length);
    octal(h, 136, 12, 0);
    h[156] = (byte) type;
    put(h, 157, link);
    put(h, 257, "ustar");
    put(h, 263, "00");
    for (int i = 148; i < 156; i++) {
      h[i] = ' ';
    }
    long sum = 0;
    for (byte b : h) {
      sum += b & 0xff;
    }
    octal(h, 148, 7, sum);
    out.writeBytes(h);
    out.writeBytes(content);
    out.writeBytes(new byte[(512 - content.length % 512) % 512]);
    return this;
  }

  byte[] bytes() {
    ByteArrayOutputStream all = new ByteArrayOutputStream();
    all.writeBytes(out.toByteArray());
    all.writeBytes(new byte[1024]);
    return all.toByteArray();
  }

  private static void put(byte[] h, int off, String s) {
    byte[] b = s.getBytes(StandardCharsets.UTF_8);
    System.arraycopy(b, 0, h, off, b.length);
  }

  private static void octal(byte[] h, int off, int len, long v) {
    String s = Long.toOctalString(v);
    put(h, off, "0".repeat(len - 1 - s.length()) + s);
  }
}
