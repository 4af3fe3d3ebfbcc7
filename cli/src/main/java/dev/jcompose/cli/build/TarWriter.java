package dev.jcompose.cli.build;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.TreeMap;

/**
 * A small streaming tar writer: POSIX ustar headers, with a PAX extended header in front of an
 * entry only when ustar can't hold it (a long or non-ASCII name or link, a size of 8 GiB or
 * more, an mtime outside ustar's range). This is what Go's {@code archive/tar} does with
 * {@code Format = FormatPAX}, which the docker CLI uses for build contexts.
 *
 * <p>Each header is one 512-byte block; data is padded to a whole block; {@link #finish()} ends
 * the archive with two zero blocks. The stream handed in is flushed, never closed.
 */
final class TarWriter {

  static final int BLOCK = 512;
  private static final long MAX_OCTAL_11 = 077777777777L; // what 11 octal digits hold

  private final OutputStream out;
  private final byte[] buffer = new byte[64 * 1024];
  private long written;

  TarWriter(OutputStream out) {
    this.out = out;
  }

  /** Bytes written so far. */
  long written() {
    return written;
  }

  /** Writes the header of an entry; the caller then writes exactly {@code header.size()} bytes. */
  void writeHeader(TarHeader header) throws IOException {
    Map<String, String> pax = new TreeMap<>(); // Go writes the records sorted by key
    byte[] name = header.name().getBytes(StandardCharsets.UTF_8);
    String[] split = splitUstarName(header.name());
    if (split == null) {
      pax.put("path", header.name());
    }
    if (!fitsUstar(header.linkName(), 100)) {
      pax.put("linkpath", header.linkName());
    }
    if (header.size() > MAX_OCTAL_11) {
      pax.put("size", Long.toString(header.size()));
    }
    if (header.mtime() < 0 || header.mtime() > MAX_OCTAL_11) {
      pax.put("mtime", Long.toString(header.mtime()));
    }
    if (!pax.isEmpty()) {
      writePaxHeader(header.name(), pax);
    }

    byte[] block = new byte[BLOCK];
    if (split != null) {
      putString(block, 0, 100, split[1]);
      putString(block, 345, 155, split[0]);
    } else {
      putString(block, 0, 100, asciiFallback(name));
    }
    putOctal(block, 100, 8, header.mode());
    putOctal(block, 108, 8, header.uid());
    putOctal(block, 116, 8, header.gid());
    putOctal(block, 124, 12, header.size() > MAX_OCTAL_11 ? 0 : header.size());
    putOctal(block, 136, 12, header.mtime() < 0 || header.mtime() > MAX_OCTAL_11 ? 0 : header.mtime());
    block[156] = header.type();
    String link = header.linkName();
    putString(block, 157, 100, fitsUstar(link, 100) ? link : asciiFallback(link.getBytes(StandardCharsets.UTF_8)));
    putOctal(block, 329, 8, header.devMajor());
    putOctal(block, 337, 8, header.devMinor());
    putUstarTrailer(block);
    write(block, 0, BLOCK);
  }

  /**
   * Copies up to {@code size} bytes of entry data from {@code in} and pads the block. Returns
   * how many bytes {@code in} had; if fewer than {@code size}, the entry is incomplete and the
   * archive must not be finished.
   */
  long writeData(InputStream in, long size) throws IOException {
    long left = size;
    while (left > 0) {
      int n = in.read(buffer, 0, (int) Math.min(buffer.length, left));
      if (n < 0) {
        return size - left;
      }
      write(buffer, 0, n);
      left -= n;
    }
    pad(size);
    return size;
  }

  /** Writes a whole in-memory entry body and pads the block. */
  void writeData(byte[] data) throws IOException {
    write(data, 0, data.length);
    pad(data.length);
  }

  /** Ends the archive with two zero blocks and flushes. */
  void finish() throws IOException {
    write(new byte[2 * BLOCK], 0, 2 * BLOCK);
    out.flush();
  }

  private void writePaxHeader(String entryName, Map<String, String> records) throws IOException {
    StringBuilder body = new StringBuilder();
    for (Map.Entry<String, String> r : records.entrySet()) {
      body.append(paxRecord(r.getKey(), r.getValue()));
    }
    byte[] data = body.toString().getBytes(StandardCharsets.UTF_8);
    // Named as Go does, path.Join(dir, "PaxHeaders.0", file); readers only look at the type.
    int slash = entryName.lastIndexOf('/');
    String paxName = DockerIgnore.cleanPath(entryName.substring(0, slash + 1) + "PaxHeaders.0/"
        + entryName.substring(slash + 1));
    byte[] block = new byte[BLOCK];
    String rawName = asciiFallback(paxName.getBytes(StandardCharsets.UTF_8));
    putString(block, 0, 100, rawName.replaceAll("/+$", ""));
    putOctal(block, 100, 8, 0);
    putOctal(block, 108, 8, 0);
    putOctal(block, 116, 8, 0);
    putOctal(block, 124, 12, data.length);
    putOctal(block, 136, 12, 0);
    block[156] = 'x';
    putUstarTrailer(block);
    write(block, 0, BLOCK);
    writeData(data);
  }

  /** "LEN key=value\n", where LEN counts its own digits. */
  static String paxRecord(String key, String value) {
    int base = 3 + key.getBytes(StandardCharsets.UTF_8).length + value.getBytes(StandardCharsets.UTF_8).length;
    int len = base + Integer.toString(base).length();
    if (Integer.toString(len).length() > Integer.toString(base).length()) {
      len++;
    }
    return len + " " + key + "=" + value + "\n";
  }

  /**
   * Splits a name into ustar prefix and name fields like Go's {@code splitUSTARPath}; returns
   * {@code {"", name}} when it fits as is, null when only PAX can hold it.
   */
  static String[] splitUstarName(String name) {
    if (!isAscii(name)) {
      return null;
    }
    if (name.length() <= 100) {
      return new String[] {"", name};
    }
    int length = name.length();
    if (length > 156) {
      length = 156;
    } else if (name.charAt(length - 1) == '/') {
      length--;
    }
    int i = name.lastIndexOf('/', length - 1);
    int suffixLength = name.length() - i - 1;
    if (i <= 0 || suffixLength > 100 || suffixLength == 0 || i > 155) {
      return null;
    }
    return new String[] {name.substring(0, i), name.substring(i + 1)};
  }

  private static boolean fitsUstar(String s, int size) {
    return s.length() <= size && isAscii(s);
  }

  private static boolean isAscii(String s) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c >= 0x80 || c == 0) {
        return false;
      }
    }
    return true;
  }

  /** What goes into a ustar field when the real value is in a PAX record: ASCII, cut to fit. */
  private static String asciiFallback(byte[] utf8) {
    StringBuilder sb = new StringBuilder();
    for (byte b : utf8) {
      if (b > 0 && sb.length() < 100) {
        sb.append((char) b);
      }
    }
    return sb.toString();
  }

  private static void putString(byte[] block, int offset, int size, String value) {
    byte[] bytes = value.getBytes(StandardCharsets.US_ASCII);
    System.arraycopy(bytes, 0, block, offset, Math.min(bytes.length, size));
  }

  /** Zero-padded octal, NUL-terminated, filling the field: "0000644\0". */
  private static void putOctal(byte[] block, int offset, int size, long value) {
    String octal = Long.toOctalString(value);
    String padded = "0".repeat(Math.max(0, size - 1 - octal.length())) + octal;
    putString(block, offset, size - 1, padded);
  }

  /** Magic and version, then the checksum over the finished block. */
  private static void putUstarTrailer(byte[] block) {
    putString(block, 257, 6, "ustar\0");
    putString(block, 263, 2, "00");
    for (int i = 148; i < 156; i++) {
      block[i] = ' ';
    }
    long sum = 0;
    for (byte b : block) {
      sum += b & 0xff;
    }
    String octal = Long.toOctalString(sum);
    putString(block, 148, 6, "0".repeat(Math.max(0, 6 - octal.length())) + octal);
    block[154] = 0;
    block[155] = ' ';
  }

  private void pad(long size) throws IOException {
    int rest = (int) (size % BLOCK);
    if (rest != 0) {
      write(new byte[BLOCK - rest], 0, BLOCK - rest);
    }
  }

  private void write(byte[] b, int off, int len) throws IOException {
    out.write(b, off, len);
    written += len;
  }
}
