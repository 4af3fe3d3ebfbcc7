package dev.jcompose.linux.tar;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.TreeMap;

/**
 * Writes tar member headers the way Go's archive/tar (and so Docker) does: a ustar header, preceded
 * by a PAX header when a name is not ASCII or longer than 100 bytes, a number does not fit its
 * octal field, or the member has xattrs ({@code SCHILY.xattr.*}). PAX records are sorted, so the
 * same member always gives the same bytes.
 */
final class TarEntryWriter {
  static final int BLOCK = 512;
  private static final long MAX_OCTAL_8 = 07777777L;
  private static final long MAX_OCTAL_12 = 077777777777L;
  private static final byte[] ZEROS = new byte[BLOCK];

  private TarEntryWriter() {}

  /** Writes {@code e}'s header blocks; the caller writes {@code e.size()} bytes of content and then {@link #pad}. */
  static void writeHeader(TarEntry e, OutputStream out) throws IOException {
    byte[] name = e.name().getBytes(StandardCharsets.ISO_8859_1);
    byte[] link = e.linkName().getBytes(StandardCharsets.ISO_8859_1);
    Map<String, byte[]> pax = new TreeMap<>();
    if (name.length > 100 || !isAscii(name)) {
      pax.put("path", name);
    }
    if (link.length > 100 || !isAscii(link)) {
      pax.put("linkpath", link);
    }
    putIfLarge(pax, "size", e.size(), MAX_OCTAL_12);
    putIfLarge(pax, "uid", e.uid(), MAX_OCTAL_8);
    putIfLarge(pax, "gid", e.gid(), MAX_OCTAL_8);
    putIfLarge(pax, "mtime", e.mtime(), MAX_OCTAL_12);
    if (e.devMajor() < 0 || e.devMajor() > MAX_OCTAL_8 || e.devMinor() < 0 || e.devMinor() > MAX_OCTAL_8) {
      throw new IOException("device number " + e.devMajor() + ":" + e.devMinor() + " of " + TarEntry.text(e.name())
          + " does not fit a tar header");
    }
    e.xattrs().forEach((k, v) -> pax.put(TarEntryReader.XATTR + k, v));
    if (!pax.isEmpty()) {
      byte[] body = paxBody(pax);
      out.write(ustar(paxHeaderName(name), 'x', 0644, 0, 0, 0, body.length, new byte[0], 0, 0));
      out.write(body);
      pad(out, body.length);
    }
    out.write(ustar(name, e.type(), e.mode(), e.uid(), e.gid(), e.mtime(), e.size(), link, e.devMajor(), e.devMinor()));
  }

  /** Writes the zero bytes that fill the last block of {@code size} bytes of content. */
  static void pad(OutputStream out, long size) throws IOException {
    out.write(ZEROS, 0, (int) TarEntryReader.padding(size));
  }

  /** Writes the two zero blocks that end an archive. */
  static void finish(OutputStream out) throws IOException {
    out.write(ZEROS);
    out.write(ZEROS);
  }

  private static void putIfLarge(Map<String, byte[]> pax, String key, long value, long max) {
    if (value < 0 || value > max) {
      pax.put(key, Long.toString(value).getBytes(StandardCharsets.US_ASCII));
    }
  }

  /** Go's name for a PAX header: "dir/PaxHeaders.0/base", ASCII, at most 100 bytes. */
  private static byte[] paxHeaderName(byte[] name) {
    String n = new String(name, StandardCharsets.ISO_8859_1);
    boolean dir = n.endsWith("/");
    n = dir ? n.substring(0, n.length() - 1) : n;
    int slash = n.lastIndexOf('/');
    String header = (slash < 0 ? "" : n.substring(0, slash + 1)) + "PaxHeaders.0/" + n.substring(slash + 1);
    byte[] b = header.replaceAll("[^\\x20-\\x7e]", "_").getBytes(StandardCharsets.US_ASCII);
    return b.length <= 100 ? b : java.util.Arrays.copyOf(b, 100);
  }

  private static byte[] ustar(byte[] name, char type, int mode, long uid, long gid, long mtime, long size, byte[] link,
      int major, int minor) {
    byte[] h = new byte[BLOCK];
    put(h, 0, 100, name);
    octal(h, 100, 8, mode & 07777);
    octal(h, 108, 8, clamp(uid, MAX_OCTAL_8));
    octal(h, 116, 8, clamp(gid, MAX_OCTAL_8));
    octal(h, 124, 12, clamp(size, MAX_OCTAL_12));
    octal(h, 136, 12, clamp(mtime, MAX_OCTAL_12));
    h[156] = (byte) type;
    put(h, 157, 100, link);
    put(h, 257, 6, "ustar\0".getBytes(StandardCharsets.US_ASCII));
    put(h, 263, 2, "00".getBytes(StandardCharsets.US_ASCII));
    octal(h, 329, 8, major);
    octal(h, 337, 8, minor);
    long sum = 0;
    for (int i = 0; i < BLOCK; i++) {
      sum += (i >= 148 && i < 156) ? ' ' : (h[i] & 0xff);
    }
    octal(h, 148, 7, sum);
    h[155] = ' ';
    return h;
  }

  /** A value too large for its field goes in a PAX record; the field then holds 0 (as Go writes it). */
  private static long clamp(long value, long max) {
    return value < 0 || value > max ? 0 : value;
  }

  static byte[] paxBody(Map<String, byte[]> records) {
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    records.forEach((k, v) -> {
      byte[] key = k.getBytes(StandardCharsets.ISO_8859_1);
      int rest = 1 + key.length + 1 + v.length + 1; // " key=value\n"
      int len = rest + 1;
      while (len != rest + Integer.toString(len).length()) {
        len = rest + Integer.toString(len).length();
      }
      body.writeBytes((len + " ").getBytes(StandardCharsets.US_ASCII));
      body.writeBytes(key);
      body.write('=');
      body.writeBytes(v);
      body.write('\n');
    });
    return body.toByteArray();
  }

  private static boolean isAscii(byte[] b) {
    for (byte x : b) {
      if (x < 0x20 || x > 0x7e) {
        return false;
      }
    }
    return true;
  }

  private static void put(byte[] h, int off, int len, byte[] value) {
    System.arraycopy(value, 0, h, off, Math.min(len, value.length));
  }

  /** Zero-padded octal digits in {@code len - 1} bytes, then NUL. */
  private static void octal(byte[] h, int off, int len, long value) {
    String s = Long.toOctalString(value);
    s = "0".repeat(len - 1 - s.length()) + s;
    put(h, off, len - 1, s.getBytes(StandardCharsets.US_ASCII));
  }
}
