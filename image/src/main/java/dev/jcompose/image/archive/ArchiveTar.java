package dev.jcompose.image.archive;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

/**
 * The tar of an image archive ({@code docker save}, an OCI layout): plain files, directories and
 * links, no owners or modes that matter. Writes ustar; reads ustar, PAX and GNU long names.
 */
final class ArchiveTar {
  private static final int BLOCK = 512;

  private ArchiveTar() {}

  /** A member: its name, type ('0' file, '5' directory, '1' hard link, '2' symlink), link target and size. */
  record Entry(String name, char type, String linkName, long size) {}

  /** Writes members one after another; {@link #finish} writes the end blocks. */
  static final class Writer {
    private final OutputStream out;
    private final long mtime = System.currentTimeMillis() / 1000;

    Writer(OutputStream out) {
      this.out = out;
    }

    void directory(String name) throws IOException {
      out.write(header(name.endsWith("/") ? name : name + "/", '5', 0, 0755));
    }

    void file(String name, byte[] content) throws IOException {
      out.write(header(name, '0', content.length, 0644));
      out.write(content);
      pad(content.length);
    }

    /** A file of {@code size} bytes read from {@code content}, which must have exactly that many. */
    void file(String name, long size, InputStream content) throws IOException {
      out.write(header(name, '0', size, 0644));
      long copied = content.transferTo(out);
      if (copied != size) {
        throw new IOException(name + " has " + copied + " bytes, not the " + size + " announced");
      }
      pad(size);
    }

    void finish() throws IOException {
      out.write(new byte[BLOCK * 2]);
      out.flush();
    }

    private void pad(long size) throws IOException {
      out.write(new byte[(int) ((BLOCK - size % BLOCK) % BLOCK)]);
    }

    private byte[] header(String name, char type, long size, int mode) {
      byte[] h = new byte[BLOCK];
      byte[] n = name.getBytes(StandardCharsets.UTF_8);
      if (n.length > 100) {
        throw new IllegalArgumentException("archive member name longer than 100 bytes: " + name);
      }
      System.arraycopy(n, 0, h, 0, n.length);
      octal(h, 100, 8, mode);
      octal(h, 108, 8, 0);
      octal(h, 116, 8, 0);
      if (size > 077777777777L) {
        h[124] = (byte) 0x80;
        for (int i = 0; i < 8; i++) {
          h[135 - i] = (byte) (size >>> (8 * i));
        }
      } else {
        octal(h, 124, 12, size);
      }
      octal(h, 136, 12, mtime);
      h[156] = (byte) type;
      System.arraycopy("ustar\u000000".getBytes(StandardCharsets.US_ASCII), 0, h, 257, 8);
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

    private static void octal(byte[] h, int off, int len, long value) {
      String s = String.format("%0" + (len - 1) + "o", value);
      System.arraycopy(s.getBytes(StandardCharsets.US_ASCII), 0, h, off, len - 1);
    }
  }

  /** Reads members; {@link #content} streams the current member's bytes. */
  static final class Reader {
    private final InputStream in;
    private final byte[] block = new byte[BLOCK];
    private long remaining;
    private long padding;

    Reader(InputStream in) {
      this.in = in;
    }

    /** The next member (the previous one's unread content is skipped), or null at the end. */
    Entry next() throws IOException {
      skipRest();
      String longName = null;
      String longLink = null;
      Map<String, String> pax = new HashMap<>();
      while (true) {
        int n = in.readNBytes(block, 0, BLOCK);
        if (n == 0 || isZero()) {
          return null;
        }
        if (n < BLOCK) {
          throw new EOFException("the archive ends inside a header (truncated)");
        }
        checksum();
        char type = (char) block[156];
        long size = number(124, 12);
        switch (type) {
          case 'L' -> longName = cString(read(size));
          case 'K' -> longLink = cString(read(size));
          case 'x' -> pax.putAll(paxRecords(read(size)));
          case 'g' -> read(size);
          default -> {
            String name = pax.getOrDefault("path", longName != null ? longName : ustarName());
            String link = pax.getOrDefault("linkpath", longLink != null ? longLink : string(157, 100));
            if (pax.containsKey("size")) {
              size = Long.parseLong(pax.get("size"));
            }
            char t = type == 0 ? '0' : type;
            boolean content = t == '0' || t == '7';
            remaining = content ? size : 0;
            padding = content ? (BLOCK - size % BLOCK) % BLOCK : 0;
            return new Entry(name, t == '7' ? '0' : t, link, content ? size : 0);
          }
        }
      }
    }

    /** The current member's content; reading it to its end leaves the reader at the next header. */
    InputStream content() {
      return new InputStream() {
        @Override
        public int read() throws IOException {
          byte[] one = new byte[1];
          return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
          if (remaining <= 0) {
            return -1;
          }
          int n = in.read(b, off, (int) Math.min(len, remaining));
          if (n < 0) {
            throw new EOFException("the archive ends inside a member (truncated)");
          }
          remaining -= n;
          return n;
        }
      };
    }

    private void skipRest() throws IOException {
      InputStream c = content();
      c.transferTo(OutputStream.nullOutputStream());
      in.readNBytes((int) padding);
      padding = 0;
    }

    private byte[] read(long size) throws IOException {
      if (size > 1 << 20) {
        throw new IOException("an extended tar header of " + size + " bytes is larger than 1 MiB");
      }
      byte[] b = in.readNBytes((int) size);
      if (b.length < size) {
        throw new EOFException("the archive ends inside an extended header (truncated)");
      }
      in.readNBytes((int) ((BLOCK - size % BLOCK) % BLOCK));
      return b;
    }

    private boolean isZero() {
      for (byte b : block) {
        if (b != 0) {
          return false;
        }
      }
      return true;
    }

    private void checksum() throws IOException {
      long stored = number(148, 8);
      long sum = 0;
      for (int i = 0; i < BLOCK; i++) {
        sum += (i >= 148 && i < 156) ? ' ' : (block[i] & 0xff);
      }
      if (sum != stored) {
        throw new IOException("not a tar archive (a header checksum is wrong)");
      }
    }

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
        throw new IOException("not a tar archive (\"" + s + "\" is not an octal number)", e);
      }
    }

    private String ustarName() {
      String name = string(0, 100);
      boolean ustar = new String(block, 257, 5, StandardCharsets.US_ASCII).equals("ustar");
      String prefix = ustar ? string(345, 155) : "";
      return prefix.isEmpty() ? name : prefix + "/" + name;
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

    private static Map<String, String> paxRecords(byte[] body) throws IOException {
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
          throw new IOException("malformed PAX header record", e);
        }
        if (len <= 0 || pos + len > body.length) {
          throw new IOException("malformed PAX header record length " + len);
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
  }
}
