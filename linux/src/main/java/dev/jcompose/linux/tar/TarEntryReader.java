package dev.jcompose.linux.tar;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * Reads a tar stream member by member, keeping what a layer needs: ustar fields, PAX records
 * (path, linkpath, size, uid, gid, mtime, {@code SCHILY.xattr.*}) and GNU long names. Made
 * for the output of GNU tar, which {@link LayerArchiver} rewrites; the content of a member is
 * passed on with {@link #copyContent(OutputStream)}, or skipped by the next {@link #next()}.
 */
final class TarEntryReader {
  static final String XATTR = "SCHILY.xattr.";
  private static final int BLOCK = 512;
  private final InputStream in;
  private final byte[] block = new byte[BLOCK];
  private final byte[] buffer = new byte[1 << 16];
  private final Map<String, byte[]> globalPax = new HashMap<>();
  private long pendingContent;
  private long pendingPadding;

  TarEntryReader(InputStream in) {
    this.in = in;
  }

  /** The next member, or null at the end of the archive. Skips what is left of the previous member's content. */
  TarEntry next() throws IOException {
    skipPending();
    String longName = null;
    String longLink = null;
    Map<String, byte[]> pax = new HashMap<>(globalPax);
    while (true) {
      if (!readBlock() || isZero(block)) {
        return null;
      }
      verifyChecksum();
      char type = block[156] == 0 ? TarEntry.FILE : (char) block[156];
      long size = number(124, 12);
      switch (type) {
        case 'x' -> pax.putAll(paxRecords(readExtension(size)));
        case 'g' -> globalPax.putAll(paxRecords(readExtension(size)));
        case 'L' -> longName = cString(readExtension(size));
        case 'K' -> longLink = cString(readExtension(size));
        default -> {
          TarEntry e = entry(type, size, pax, longName, longLink);
          pendingContent = e.hasContent() ? e.size() : 0;
          pendingPadding = padding(pendingContent);
          return e;
        }
      }
    }
  }

  /** Copies the current member's content (and reads past its padding). */
  void copyContent(OutputStream out) throws IOException {
    while (pendingContent > 0) {
      int n = in.read(buffer, 0, (int) Math.min(buffer.length, pendingContent));
      if (n < 0) {
        throw new EOFException("the tar stream ends inside a member's content");
      }
      out.write(buffer, 0, n);
      pendingContent -= n;
    }
    skipPending();
  }

  private TarEntry entry(char type, long ustarSize, Map<String, byte[]> pax, String longName, String longLink) throws IOException {
    String name = pax.containsKey("path") ? latin1(pax.get("path")) : longName != null ? longName : ustarName();
    String link = pax.containsKey("linkpath") ? latin1(pax.get("linkpath")) : longLink != null ? longLink : string(157, 100);
    long size = pax.containsKey("size") ? paxLong(pax, "size") : ustarSize;
    long uid = pax.containsKey("uid") ? paxLong(pax, "uid") : number(108, 8);
    long gid = pax.containsKey("gid") ? paxLong(pax, "gid") : number(116, 8);
    long mtime = pax.containsKey("mtime") ? paxSeconds(pax.get("mtime")) : number(136, 12);
    TreeMap<String, byte[]> xattrs = new TreeMap<>();
    pax.forEach((k, v) -> {
      if (k.startsWith(XATTR)) {
        xattrs.put(k.substring(XATTR.length()), v);
      }
    });
    boolean device = type == TarEntry.CHAR_DEVICE || type == TarEntry.BLOCK_DEVICE;
    return new TarEntry(name, type, (int) number(100, 8) & 07777, uid, gid, mtime, size, link,
        device ? (int) number(329, 8) : 0, device ? (int) number(337, 8) : 0, xattrs);
  }

  private String ustarName() {
    String name = string(0, 100);
    boolean ustar = new String(block, 257, 5, StandardCharsets.US_ASCII).equals("ustar");
    String prefix = ustar ? string(345, 155) : "";
    return prefix.isEmpty() ? name : prefix + "/" + name;
  }

  private boolean readBlock() throws IOException {
    int n = in.readNBytes(block, 0, BLOCK);
    if (n == 0) {
      return false;
    }
    if (n < BLOCK) {
      throw new EOFException("the tar stream ends inside a " + BLOCK + "-byte block");
    }
    return true;
  }

  private byte[] readExtension(long size) throws IOException {
    if (size > 1 << 24) {
      throw new IOException("a tar extended header of " + size + " bytes is larger than 16 MiB");
    }
    byte[] content = in.readNBytes((int) size);
    if (content.length < size) {
      throw new EOFException("the tar stream ends inside an extended header");
    }
    pendingPadding = padding(size);
    skipPending();
    return content;
  }

  private void skipPending() throws IOException {
    while (pendingContent > 0) {
      int n = in.read(buffer, 0, (int) Math.min(buffer.length, pendingContent));
      if (n < 0) {
        throw new EOFException("the tar stream ends inside a member's content");
      }
      pendingContent -= n;
    }
    if (pendingPadding > 0 && in.readNBytes(buffer, 0, (int) pendingPadding) < pendingPadding) {
      throw new EOFException("the tar stream ends inside padding");
    }
    pendingPadding = 0;
  }

  static long padding(long size) {
    return (BLOCK - size % BLOCK) % BLOCK;
  }

  private void verifyChecksum() throws IOException {
    long stored = number(148, 8);
    long sum = 0;
    for (int i = 0; i < BLOCK; i++) {
      sum += (i >= 148 && i < 156) ? ' ' : (block[i] & 0xff);
    }
    if (sum != stored) {
      throw new IOException("not a tar stream: a header's checksum is wrong (stored " + stored + ", computed " + sum + ")");
    }
  }

  /** Octal, or GNU base-256 when the high bit of the first byte is set. */
  private long number(int off, int len) throws IOException {
    if ((block[off] & 0x80) != 0) {
      long v = block[off] & 0x7f;
      for (int i = off + 1; i < off + len; i++) {
        v = (v << 8) | (block[i] & 0xff);
      }
      return v;
    }
    String s = new String(block, off, len, StandardCharsets.US_ASCII).replace("\0", " ").strip();
    try {
      return s.isEmpty() ? 0 : Long.parseLong(s, 8);
    } catch (NumberFormatException e) {
      throw new IOException("not a tar stream: \"" + s + "\" is not an octal number in a header", e);
    }
  }

  private String string(int off, int len) {
    int end = off;
    while (end < off + len && block[end] != 0) {
      end++;
    }
    return new String(block, off, end - off, StandardCharsets.ISO_8859_1);
  }

  private static String cString(byte[] b) {
    int end = 0;
    while (end < b.length && b[end] != 0) {
      end++;
    }
    return new String(b, 0, end, StandardCharsets.ISO_8859_1);
  }

  private static String latin1(byte[] b) {
    return new String(b, StandardCharsets.ISO_8859_1);
  }

  private static long paxLong(Map<String, byte[]> pax, String key) throws IOException {
    try {
      return Long.parseLong(latin1(pax.get(key)));
    } catch (NumberFormatException e) {
      throw new IOException("malformed PAX record " + key + "=" + latin1(pax.get(key)), e);
    }
  }

  /** A PAX time ("1700000000.123456789", maybe negative), rounded down to whole seconds. */
  static long paxSeconds(byte[] value) throws IOException {
    try {
      return new BigDecimal(latin1(value)).setScale(0, RoundingMode.FLOOR).longValueExact();
    } catch (ArithmeticException | NumberFormatException e) {
      throw new IOException("malformed PAX time \"" + latin1(value) + "\"", e);
    }
  }

  /** PAX records: "LEN key=value\n", LEN counting the whole record; values are raw bytes (xattrs are binary). */
  static Map<String, byte[]> paxRecords(byte[] body) throws IOException {
    Map<String, byte[]> out = new HashMap<>();
    int pos = 0;
    while (pos < body.length && body[pos] != 0) {
      int space = pos;
      while (space < body.length && body[space] != ' ') {
        space++;
      }
      int len;
      try {
        len = Integer.parseInt(new String(body, pos, space - pos, StandardCharsets.US_ASCII));
      } catch (NumberFormatException e) {
        throw new IOException("malformed PAX extended header record at byte " + pos, e);
      }
      if (len <= space - pos + 2 || pos + len > body.length || body[pos + len - 1] != '\n') {
        throw new IOException("malformed PAX extended header: record length " + len + " at byte " + pos);
      }
      int eq = space + 1;
      while (eq < pos + len - 1 && body[eq] != '=') {
        eq++;
      }
      if (eq < pos + len - 1) {
        out.put(new String(body, space + 1, eq - space - 1, StandardCharsets.ISO_8859_1),
            Arrays.copyOfRange(body, eq + 1, pos + len - 1));
      }
      pos += len;
    }
    return out;
  }

  private static boolean isZero(byte[] b) {
    for (byte x : b) {
      if (x != 0) {
        return false;
      }
    }
    return true;
  }
}
