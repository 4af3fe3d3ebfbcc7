package dev.jcompose.linux.tar;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/** Writes the few kinds of tar entries jcompose makes itself (ustar headers, with PAX records for long names and xattrs). */
final class TarHeaderWriter {
  static final char DIRECTORY = '5';
  static final char CHAR_DEVICE = '3';
  private static final int BLOCK = 512;
  private final ByteArrayOutputStream out = new ByteArrayOutputStream();

  /** An entry without content: a directory or a device node. */
  void entry(String name, char type, int mode, long uid, long gid, int devMajor, int devMinor, Map<String, String> paxRecords) {
    java.util.Map<String, String> pax = new java.util.LinkedHashMap<>(paxRecords);
    byte[] nameBytes = name.getBytes(StandardCharsets.UTF_8);
    if (nameBytes.length > 99) {
      pax.put("path", name);
    }
    if (!pax.isEmpty()) {
      byte[] body = paxBody(pax);
      out.writeBytes(header("PaxHeader", 'x', 0644, 0, 0, body.length, 0, 0));
      out.writeBytes(body);
      out.writeBytes(new byte[(BLOCK - body.length % BLOCK) % BLOCK]);
    }
    out.writeBytes(header(nameBytes.length > 99 ? "long-name" : name, type, mode, uid, gid, 0, devMajor, devMinor));
  }

  /** The archive with its two closing zero blocks. */
  byte[] finish() {
    out.writeBytes(new byte[2 * BLOCK]);
    return out.toByteArray();
  }

  private static byte[] header(String name, char type, int mode, long uid, long gid, long size, int major, int minor) {
    byte[] h = new byte[BLOCK];
    put(h, 0, 100, name.getBytes(StandardCharsets.UTF_8));
    octal(h, 100, 8, mode);
    octal(h, 108, 8, uid);
    octal(h, 116, 8, gid);
    octal(h, 124, 12, size);
    octal(h, 136, 12, 0);
    h[156] = (byte) type;
    put(h, 257, 6, "ustar\0".getBytes(StandardCharsets.US_ASCII));
    put(h, 263, 2, "00".getBytes(StandardCharsets.US_ASCII));
    octal(h, 329, 8, major);
    octal(h, 337, 8, minor);
    for (int i = 148; i < 156; i++) {
      h[i] = ' ';
    }
    long sum = 0;
    for (byte b : h) {
      sum += b & 0xff;
    }
    octal(h, 148, 7, sum);
    return h;
  }

  private static byte[] paxBody(Map<String, String> records) {
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    records.forEach((k, v) -> {
      String rest = " " + k + "=" + v + "\n";
      int restLen = rest.getBytes(StandardCharsets.UTF_8).length;
      int len = restLen + 1;
      while (len != restLen + Integer.toString(len).length()) {
        len = restLen + Integer.toString(len).length();
      }
      body.writeBytes((len + rest).getBytes(StandardCharsets.UTF_8));
    });
    return body.toByteArray();
  }

  private static void put(byte[] h, int off, int len, byte[] value) {
    System.arraycopy(value, 0, h, off, Math.min(len, value.length));
  }

  private static void octal(byte[] h, int off, int len, long value) {
    String s = Long.toOctalString(value);
    if (s.length() > len - 1) {
      throw new IllegalArgumentException("value " + value + " does not fit a " + len + "-byte tar field");
    }
    s = "0".repeat(len - 1 - s.length()) + s;
    put(h, off, len - 1, s.getBytes(StandardCharsets.US_ASCII));
  }
}
