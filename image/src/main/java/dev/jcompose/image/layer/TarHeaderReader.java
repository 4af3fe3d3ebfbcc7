package dev.jcompose.image.layer;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

/**
 * Reads the member headers of a tar stream (ustar, GNU and PAX), skipping the contents. Used to
 * check a layer before GNU tar unpacks it; it never writes anything.
 */
public final class TarHeaderReader {
  private static final int BLOCK = 512;
  private final InputStream in;
  private final byte[] block = new byte[BLOCK];
  private final Map<String, String> globalPax = new HashMap<>();
  private boolean ended;

  public TarHeaderReader(InputStream uncompressed) {
    this.in = uncompressed;
  }

  /** The next member, or null at the end of the archive. */
  public TarHeader next() throws IOException {
    String longName = null;
    String longLink = null;
    Map<String, String> pax = new HashMap<>(globalPax);
    while (true) {
      if (ended || !readBlock(true)) {
        return null;
      }
      if (isZero(block)) {
        return null;
      }
      verifyChecksum();
      char type = (char) block[156];
      long size = number(124, 12);
      switch (type) {
        case 'L' -> longName = cString(readContent(size));
        case 'K' -> longLink = cString(readContent(size));
        case 'x' -> pax.putAll(paxRecords(readContent(size)));
        case 'g' -> globalPax.putAll(paxRecords(readContent(size)));
        default -> {
          String name = pax.getOrDefault("path", longName != null ? longName : ustarName());
          String link = pax.getOrDefault("linkpath", longLink != null ? longLink : string(157, 100));
          if (pax.containsKey("size")) {
            size = Long.parseLong(pax.get("size"));
          }
          TarHeader h = new TarHeader(name, type == 0 ? TarHeader.FILE : type, link, (int) number(100, 8),
              number(108, 8), number(116, 8), size);
          boolean hasContent = type != TarHeader.HARD_LINK && type != TarHeader.SYMLINK && type != TarHeader.DIRECTORY
              && type != '3' && type != '4' && type != '6';
          skip(hasContent ? size : 0);
          return h;
        }
      }
    }
  }

  private String ustarName() {
    String name = string(0, 100);
    boolean ustar = new String(block, 257, 5, StandardCharsets.US_ASCII).equals("ustar");
    String prefix = ustar ? string(345, 155) : "";
    return prefix.isEmpty() ? name : prefix + "/" + name;
  }

  private boolean readBlock(boolean eofAllowed) throws IOException {
    int n = in.readNBytes(block, 0, BLOCK);
    if (n == 0 && eofAllowed) {
      return false;
    }
    if (n < BLOCK) {
      throw new EOFException("the tar stream ends inside a " + BLOCK + "-byte block (truncated archive)");
    }
    return true;
  }

  private byte[] readContent(long size) throws IOException {
    if (size > 1 << 20) {
      throw new IOException("a tar extended header of " + size + " bytes is larger than the 1 MiB jcompose accepts");
    }
    byte[] content = in.readNBytes((int) size);
    if (content.length < size) {
      throw new EOFException("the tar stream ends inside an extended header (truncated archive)");
    }
    skipPadding(size);
    return content;
  }

  /**
   * Reads past a member's content; read, not skip(), so that a digesting stream below sees every
   * byte. The content must be complete; the padding after the last member may be missing (umoci
   * 0.4 writes such layers, and GNU tar accepts them), which ends the archive.
   */
  private void skip(long size) throws IOException {
    byte[] buf = new byte[1 << 16];
    long remaining = size;
    while (remaining > 0) {
      int n = in.read(buf, 0, (int) Math.min(buf.length, remaining));
      if (n < 0) {
        throw new EOFException("the tar stream ends inside a member's content (truncated archive)");
      }
      remaining -= n;
    }
    long pad = padding(size);
    if (in.readNBytes((int) pad).length < pad) {
      ended = true;
    }
  }

  private void skipPadding(long size) throws IOException {
    long pad = padding(size);
    if (in.readNBytes((int) pad).length < pad) {
      throw new EOFException("the tar stream ends inside padding (truncated archive)");
    }
  }

  private static long padding(long size) {
    return (BLOCK - size % BLOCK) % BLOCK;
  }

  private void verifyChecksum() throws IOException {
    long stored = number(148, 8);
    long sum = 0;
    for (int i = 0; i < BLOCK; i++) {
      sum += (i >= 148 && i < 156) ? ' ' : (block[i] & 0xff);
    }
    if (sum != stored) {
      throw new IOException("not a tar archive: a header's checksum is wrong (stored " + stored + ", computed " + sum + ")");
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
    if (s.isEmpty()) {
      return 0;
    }
    try {
      return Long.parseLong(s, 8);
    } catch (NumberFormatException e) {
      throw new IOException("not a tar archive: \"" + s + "\" is not an octal number in a header", e);
    }
  }

  private String string(int off, int len) {
    int end = off;
    while (end < off + len && block[end] != 0) {
      end++;
    }
    return new String(block, off, end - off, StandardCharsets.UTF_8);
  }

  private static String cString(byte[] b) {
    int end = 0;
    while (end < b.length && b[end] != 0) {
      end++;
    }
    return new String(b, 0, end, StandardCharsets.UTF_8);
  }

  /** PAX records: "LEN key=value\n", LEN counting the whole record. */
  static Map<String, String> paxRecords(byte[] body) throws IOException {
    Map<String, String> out = new HashMap<>();
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
      if (len <= 0 || pos + len > body.length) {
        throw new IOException("malformed PAX extended header: record length " + len + " at byte " + pos);
      }
      String record = new String(body, space + 1, pos + len - space - 2, StandardCharsets.UTF_8);
      int eq = record.indexOf('=');
      if (eq > 0) {
        out.put(record.substring(0, eq), record.substring(eq + 1));
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
