package dev.jcompose.cli.build;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * Walks a build context like the docker CLI's tar walker: {@code lstat} only (symlinks are never
 * followed), each directory before its contents, names in bytewise UTF-8 order, the
 * {@code .dockerignore} matched with the parent directory's result, an excluded directory
 * skipped whole unless an exception pattern (or a file that is always sent) lies below it.
 * Sockets are left out, as Go's tar can't store them.
 */
final class ContextWalker {

  private static final boolean UNIX_VIEW = FileSystems.getDefault().supportedFileAttributeViews().contains("unix");
  private static final String UNIX_ATTRIBUTES = "unix:mode,ino,dev,nlink,rdev,size,lastModifiedTime";
  private static final Comparator<String> UTF8_ORDER = ContextWalker::compareUtf8;

  private final Path context;
  private final DockerIgnore ignore;
  private final Set<String> alwaysSent;
  private final Set<String> alwaysSentParents = new HashSet<>();
  private final String reservedName;
  private final Map<String, String> firstLinkByInode = new HashMap<>();
  private final List<ContextEntry> entries = new ArrayList<>();

  private ContextWalker(Path context, DockerIgnore ignore, Set<String> alwaysSent, String reservedName) {
    this.context = context;
    this.ignore = ignore;
    this.alwaysSent = alwaysSent;
    this.reservedName = reservedName;
    for (String path : alwaysSent) {
      for (int slash = path.indexOf('/'); slash >= 0; slash = path.indexOf('/', slash + 1)) {
        alwaysSentParents.add(path.substring(0, slash));
      }
    }
  }

  /**
   * The entries of {@code context} in archive order.
   *
   * @param alwaysSent context-relative paths sent even when excluded
   * @param reservedName a top-level name the archive generates itself (skipped on disk), or null
   */
  static List<ContextEntry> walk(Path context, DockerIgnore ignore, Set<String> alwaysSent, String reservedName) {
    ContextWalker walker = new ContextWalker(context, ignore, alwaysSent, reservedName);
    walker.walkDirectory(context, "", null);
    return walker.entries;
  }

  private void walkDirectory(Path dir, String prefix, DockerIgnore.Match parentMatch) {
    for (String name : sortedNames(dir)) {
      String relative = prefix + name;
      if (relative.equals(reservedName)) {
        continue;
      }
      Path path = dir.resolve(name);
      FileFacts facts = stat(path);
      DockerIgnore.Match match = ignore.match(relative, parentMatch);
      if (match.excluded() && !alwaysSent.contains(relative)) {
        if (facts.type == TarHeader.DIRECTORY
            && (alwaysSentParents.contains(relative) || !ignore.canSkipExcludedDirectory(relative))) {
          walkDirectory(path, relative + "/", match);
        }
        continue;
      }
      addEntry(path, relative, facts);
      if (facts.type == TarHeader.DIRECTORY) {
        walkDirectory(path, relative + "/", match);
      }
    }
  }

  private void addEntry(Path path, String relative, FileFacts facts) {
    switch (facts.type) {
      case TarHeader.DIRECTORY:
        entries.add(new ContextEntry(header(relative + "/", TarHeader.DIRECTORY, facts, 0, ""), null, null));
        return;
      case TarHeader.SYMLINK:
        entries.add(new ContextEntry(header(relative, TarHeader.SYMLINK, facts, 0, readLink(path)), null, null));
        return;
      case TarHeader.REGULAR:
        if (facts.inodeKey != null) {
          String first = firstLinkByInode.putIfAbsent(facts.inodeKey, relative);
          if (first != null) {
            entries.add(new ContextEntry(header(relative, TarHeader.HARDLINK, facts, 0, first), null, null));
            return;
          }
        }
        if (!Files.isReadable(path)) {
          throw new BuildContextException(path, "error checking context: no permission to read from '" + path
              + "'; fix its permissions or exclude it in .dockerignore");
        }
        entries.add(new ContextEntry(header(relative, TarHeader.REGULAR, facts, facts.size, ""), path, null));
        return;
      case TarHeader.FIFO:
      case TarHeader.CHAR_DEVICE:
      case TarHeader.BLOCK_DEVICE:
        entries.add(new ContextEntry(header(relative, facts.type, facts, 0, ""), null, null));
        return;
      default: // sockets
    }
  }

  private static TarHeader header(String name, byte type, FileFacts facts, long size, String link) {
    return new TarHeader(name, type, facts.mode, 0, 0, size, facts.mtime, link, facts.devMajor, facts.devMinor);
  }

  private List<String> sortedNames(Path dir) {
    List<String> names = new ArrayList<>();
    try (DirectoryStream<Path> stream = Files.newDirectoryStream(dir)) {
      for (Path child : stream) {
        names.add(child.getFileName().toString());
      }
    } catch (AccessDeniedException e) {
      throw new BuildContextException(dir, "error checking context: can't read directory '" + dir
          + "' (permission denied); fix its permissions or exclude it in .dockerignore", e);
    } catch (IOException e) {
      throw new BuildContextException(dir, "error checking context: can't read directory '" + dir + "': " + e, e);
    }
    names.sort(UTF8_ORDER);
    return names;
  }

  private static String readLink(Path path) {
    try {
      return BuildContextArchive.slashPath(Files.readSymbolicLink(path));
    } catch (IOException e) {
      throw new BuildContextException(path, "error checking context: can't read symlink '" + path + "': " + e, e);
    }
  }

  private FileFacts stat(Path path) {
    try {
      return UNIX_VIEW ? unixStat(path) : portableStat(path);
    } catch (AccessDeniedException e) {
      throw new BuildContextException(path, "error checking context: can't stat '" + path
          + "'; fix the permissions of its directory or exclude it in .dockerignore", e);
    } catch (IOException e) {
      throw new BuildContextException(path, "error checking context: can't stat '" + path + "': " + e, e);
    }
  }

  private static FileFacts unixStat(Path path) throws IOException {
    Map<String, Object> a = Files.readAttributes(path, UNIX_ATTRIBUTES, LinkOption.NOFOLLOW_LINKS);
    int stMode = (Integer) a.get("mode");
    FileFacts f = new FileFacts();
    f.mode = stMode & 07777;
    f.size = (Long) a.get("size");
    f.mtime = ((FileTime) a.get("lastModifiedTime")).to(TimeUnit.SECONDS);
    switch (stMode & 0170000) {
      case 0040000: f.type = TarHeader.DIRECTORY; break;
      case 0100000: f.type = TarHeader.REGULAR; break;
      case 0120000: f.type = TarHeader.SYMLINK; break;
      case 0010000: f.type = TarHeader.FIFO; break;
      case 0020000: f.type = TarHeader.CHAR_DEVICE; break;
      case 0060000: f.type = TarHeader.BLOCK_DEVICE; break;
      default: f.type = 0; // socket
    }
    if (f.type == TarHeader.CHAR_DEVICE || f.type == TarHeader.BLOCK_DEVICE) {
      long rdev = (Long) a.get("rdev");
      f.devMajor = ((rdev >>> 8) & 0xfffL) | ((rdev >>> 32) & 0xfffff000L);
      f.devMinor = (rdev & 0xffL) | ((rdev >>> 12) & 0xffffff00L);
    }
    if (f.type == TarHeader.REGULAR && (Integer) a.get("nlink") > 1) {
      f.inodeKey = a.get("dev") + ":" + a.get("ino");
    }
    return f;
  }

  private static FileFacts portableStat(Path path) throws IOException {
    BasicFileAttributes basic = Files.readAttributes(path, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
    FileFacts f = new FileFacts();
    f.size = basic.size();
    f.mtime = basic.lastModifiedTime().to(TimeUnit.SECONDS);
    f.type = basic.isDirectory() ? TarHeader.DIRECTORY
        : basic.isSymbolicLink() ? TarHeader.SYMLINK
        : basic.isRegularFile() ? TarHeader.REGULAR : 0;
    f.mode = f.type == TarHeader.DIRECTORY ? 0755 : f.type == TarHeader.SYMLINK ? 0777 : 0644;
    if (FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
      Set<PosixFilePermission> perms = Files.readAttributes(path, PosixFileAttributes.class,
          LinkOption.NOFOLLOW_LINKS).permissions();
      int mode = 0;
      for (PosixFilePermission p : perms) {
        mode |= 0400 >> p.ordinal(); // OWNER_READ .. OTHERS_EXECUTE are declared in bit order
      }
      f.mode = mode;
    }
    return f;
  }

  /**
   * Go's string order, bytewise on UTF-8. That is code point order, which differs from
   * {@link String#compareTo} (UTF-16 units) only for characters above U+FFFF.
   */
  private static int compareUtf8(String a, String b) {
    int i = 0;
    int j = 0;
    while (i < a.length() && j < b.length()) {
      int ca = a.codePointAt(i);
      int cb = b.codePointAt(j);
      if (ca != cb) {
        return Integer.compare(ca, cb);
      }
      i += Character.charCount(ca);
      j += Character.charCount(cb);
    }
    return Integer.compare(a.length() - i, b.length() - j);
  }

  /** What one lstat told us. */
  private static final class FileFacts {
    byte type;
    long mode;
    long size;
    long mtime;
    long devMajor;
    long devMinor;
    String inodeKey;
  }
}
