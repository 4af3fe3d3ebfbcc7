package dev.jcompose.cli.build;

import java.io.BufferedOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;

/**
 * The tars of {@code jcompose cp} on the client side, as the docker CLI makes and reads them
 * (its {@code pkg/archive} TarResourceRebase, RebaseArchiveEntries and Untar): a local file or
 * directory archived with entry names starting with its base name ("." for "dir/.", entries
 * then "./a"), and a tar from the engine extracted into a local directory, names renamed on the
 * way. Local extraction does not change owners (docker's NoLchown).
 */
public final class CopyArchives {
  private CopyArchives() {}

  /** A rename of the first path element {@code from} to {@code to} (Docker's RebaseArchiveEntries); identity when equal. */
  public static UnaryOperator<String> rebase(String from, String to) {
    if (from.equals(to)) {
      return UnaryOperator.identity();
    }
    return name -> {
      if (name.equals(from) || name.equals(from + "/")) {
        return to + name.substring(from.length());
      }
      if (name.startsWith(from + "/")) {
        return to + name.substring(from.length());
      }
      return name;
    };
  }

  /**
   * Writes {@code source} (not following a link in its last element) as a tar whose entries start
   * with {@code baseName} ("." writes the directory's contents as "./…"), each name then passed
   * through {@code rename}.
   */
  public static void create(Path source, String baseName, UnaryOperator<String> rename, OutputStream out) throws IOException {
    TarWriter tar = new TarWriter(new BufferedOutputStream(out, 64 * 1024));
    List<Path> all;
    try (Stream<Path> walk = Files.walk(source)) {
      all = walk.sorted().toList();
    }
    for (Path p : all) {
      String rel = source.relativize(p).toString();
      String name = rel.isEmpty() ? baseName : baseName + "/" + rel;
      Map<String, Object> a = Files.readAttributes(p, "unix:mode,uid,gid,size,lastModifiedTime", LinkOption.NOFOLLOW_LINKS);
      int mode = (Integer) a.get("mode");
      long uid = ((Integer) a.get("uid")).longValue();
      long gid = ((Integer) a.get("gid")).longValue();
      long mtime = ((FileTime) a.get("lastModifiedTime")).toMillis() / 1000;
      int type = mode & 0170000;
      if (type == 0040000) {
        tar.writeHeader(new TarHeader(rename.apply(name) + "/", TarHeader.DIRECTORY, mode & 07777, uid, gid, 0, mtime, "", 0, 0));
      } else if (type == 0120000) {
        tar.writeHeader(new TarHeader(rename.apply(name), TarHeader.SYMLINK, mode & 07777, uid, gid, 0, mtime,
            Files.readSymbolicLink(p).toString(), 0, 0));
      } else if (type == 0100000) {
        long size = (Long) a.get("size");
        tar.writeHeader(new TarHeader(rename.apply(name), TarHeader.REGULAR, mode & 07777, uid, gid, size, mtime, "", 0, 0));
        try (InputStream in = Files.newInputStream(p, LinkOption.NOFOLLOW_LINKS)) {
          if (tar.writeData(in, size) < size) {
            throw new IOException(p + " became shorter while it was archived");
          }
        }
      } else if (type == 0010000) {
        tar.writeHeader(new TarHeader(rename.apply(name), TarHeader.FIFO, mode & 07777, uid, gid, 0, mtime, "", 0, 0));
      }
      // sockets and devices are skipped, as the docker CLI does
    }
    tar.finish();
  }

  /** One member read back: name and link as text, type, permission bits, mtime in seconds. */
  record Member(String name, byte type, int mode, long mtime, long size, String linkName) {}

  /**
   * Extracts {@code tar} into the existing local directory {@code dest}, each name first passed
   * through {@code rename}. Names climbing above {@code dest}, and members below a link, are refused.
   */
  public static void extract(InputStream tar, Path dest, UnaryOperator<String> rename) throws IOException {
    Reader reader = new Reader(tar);
    List<Object[]> dirTimes = new ArrayList<>();
    Member m;
    while ((m = reader.next()) != null) {
      String rel = relative(rename.apply(m.name()));
      Path target = rel.isEmpty() ? dest : dest.resolve(rel);
      checkNoLinkBetween(dest, target);
      if (target.getParent() != null && !rel.isEmpty()) {
        Files.createDirectories(target.getParent());
      }
      boolean isDir = m.type() == TarHeader.DIRECTORY;
      boolean exists = Files.exists(target, LinkOption.NOFOLLOW_LINKS);
      if (exists && !(isDir && Files.isDirectory(target, LinkOption.NOFOLLOW_LINKS))) {
        if (Files.isDirectory(target, LinkOption.NOFOLLOW_LINKS)) {
          deleteTree(target);
        } else {
          Files.delete(target);
        }
        exists = false;
      }
      switch (m.type()) {
        case TarHeader.DIRECTORY -> {
          if (!exists) {
            Files.createDirectory(target);
          }
          dirTimes.add(new Object[] {target, m.mtime()});
        }
        case TarHeader.REGULAR -> {
          try (OutputStream out = Files.newOutputStream(target, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
            reader.copyContent(out);
          }
          Files.setLastModifiedTime(target, FileTime.fromMillis(m.mtime() * 1000));
        }
        case TarHeader.SYMLINK -> Files.createSymbolicLink(target, Path.of(m.linkName()));
        case TarHeader.HARDLINK -> {
          Path linked = dest.resolve(relative(rename.apply(m.linkName())));
          checkNoLinkBetween(dest, linked);
          Files.createLink(target, linked);
        }
        default -> {
          continue; // devices and fifos need root and are rarely wanted on the host
        }
      }
      if (m.type() != TarHeader.SYMLINK && m.type() != TarHeader.HARDLINK) {
        Files.setAttribute(target, "unix:mode", m.mode() & 07777);
      }
    }
    for (int i = dirTimes.size() - 1; i >= 0; i--) {
      Files.setLastModifiedTime((Path) dirTimes.get(i)[0], FileTime.fromMillis((Long) dirTimes.get(i)[1] * 1000));
    }
  }

  private static void checkNoLinkBetween(Path dest, Path target) throws IOException {
    Path p = target.getParent();
    while (p != null && p.startsWith(dest) && !p.equals(dest)) {
      if (Files.isSymbolicLink(p)) {
        throw new IOException("refusing to extract " + target + ": " + p + " is a symbolic link");
      }
      p = p.getParent();
    }
  }

  static String relative(String name) throws IOException {
    List<String> out = new ArrayList<>();
    for (String c : name.split("/")) {
      if (c.isEmpty() || c.equals(".")) {
        continue;
      }
      if (c.equals("..")) {
        if (out.isEmpty()) {
          throw new IOException("the archive's entry \"" + name + "\" is outside of the destination directory");
        }
        out.remove(out.size() - 1);
      } else {
        out.add(c);
      }
    }
    return String.join("/", out);
  }

  private static void deleteTree(Path dir) throws IOException {
    try (Stream<Path> walk = Files.walk(dir)) {
      for (Path p : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }

  /** A minimal tar reader: ustar, PAX path/linkpath/size/mtime, GNU long names. */
  static final class Reader {
    private final InputStream in;
    private final byte[] block = new byte[512];
    private long pending;
    private long padding;

    Reader(InputStream in) {
      this.in = in;
    }

    Member next() throws IOException {
      skip(pending + padding);
      pending = 0;
      padding = 0;
      Map<String, String> pax = new HashMap<>();
      String longName = null;
      String longLink = null;
      while (true) {
        int n = in.readNBytes(block, 0, 512);
        if (n == 0 || isZero()) {
          return null;
        }
        if (n < 512) {
          throw new EOFException("the tar stream ends inside a header");
        }
        byte type = block[156] == 0 ? TarHeader.REGULAR : block[156];
        long size = octal(124, 12);
        if (type == 'x' || type == 'g' || type == 'L' || type == 'K') {
          byte[] data = in.readNBytes((int) size);
          skip((512 - size % 512) % 512);
          if (type == 'x') {
            pax.putAll(paxRecords(data));
          } else if (type == 'L') {
            longName = cString(data);
          } else if (type == 'K') {
            longLink = cString(data);
          }
          continue;
        }
        String name = pax.containsKey("path") ? pax.get("path") : longName != null ? longName : ustarName();
        String link = pax.containsKey("linkpath") ? pax.get("linkpath") : longLink != null ? longLink : field(157, 100);
        if (pax.containsKey("size")) {
          size = Long.parseLong(pax.get("size"));
        }
        long mtime = pax.containsKey("mtime") ? (long) Math.floor(Double.parseDouble(pax.get("mtime"))) : octal(136, 12);
        long content = type == TarHeader.REGULAR || type == '7' ? size : 0;
        pending = content;
        padding = (512 - content % 512) % 512;
        return new Member(name, type == '7' ? TarHeader.REGULAR : type, (int) octal(100, 8), mtime, size, link);
      }
    }

    void copyContent(OutputStream out) throws IOException {
      byte[] buf = new byte[64 * 1024];
      while (pending > 0) {
        int n = in.read(buf, 0, (int) Math.min(buf.length, pending));
        if (n < 0) {
          throw new EOFException("the tar stream ends inside a file");
        }
        out.write(buf, 0, n);
        pending -= n;
      }
    }

    private void skip(long n) throws IOException {
      while (n > 0) {
        long s = in.skip(n);
        if (s <= 0) {
          if (in.read() < 0) {
            throw new EOFException("the tar stream ends early");
          }
          s = 1;
        }
        n -= s;
      }
    }

    private boolean isZero() {
      for (byte b : block) {
        if (b != 0) {
          return false;
        }
      }
      return true;
    }

    private String ustarName() {
      String name = field(0, 100);
      String prefix = new String(block, 257, 5, StandardCharsets.US_ASCII).equals("ustar") ? field(345, 155) : "";
      return prefix.isEmpty() ? name : prefix + "/" + name;
    }

    private String field(int off, int len) {
      int end = off;
      while (end < off + len && block[end] != 0) {
        end++;
      }
      return new String(block, off, end - off, StandardCharsets.UTF_8);
    }

    private long octal(int off, int len) throws IOException {
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
        throw new IOException("not a tar stream: \"" + s + "\" is not an octal number", e);
      }
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
        int len = Integer.parseInt(new String(body, pos, space - pos, StandardCharsets.US_ASCII));
        if (len <= 0 || pos + len > body.length) {
          throw new IOException("malformed PAX record at byte " + pos);
        }
        String rec = new String(body, space + 1, pos + len - space - 2, StandardCharsets.UTF_8);
        int eq = rec.indexOf('=');
        if (eq > 0) {
          out.put(rec.substring(0, eq), rec.substring(eq + 1));
        }
        pos += len;
      }
      return out;
    }
  }
}
