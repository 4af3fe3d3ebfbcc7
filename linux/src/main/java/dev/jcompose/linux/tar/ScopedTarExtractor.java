package dev.jcompose.linux.tar;

import dev.jcompose.linux.FileTrees;
import dev.jcompose.linux.HostCommand;
import dev.jcompose.linux.ScopedPaths;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;

/**
 * Extracts a tar stream into a directory of a container's root as Docker's {@code PUT
 * /containers/{id}/archive} does: every member's parent is resolved inside the root
 * ({@link ScopedPaths}), so a link in the container or in the archive never leads out of it;
 * members naming a path above the destination are refused. Owners, modes (with
 * setuid/setgid/sticky) and mtimes are kept (or owners set to {@link Options#chownUid});
 * xattrs are not applied.
 */
public final class ScopedTarExtractor {
  private ScopedTarExtractor() {}

  /**
   * @param noOverwriteDirNonDir refuse to replace a directory by a non-directory or the reverse
   * @param chownUid when not null, every member gets this owner (and {@code chownGid}) instead of the archive's
   */
  public record Options(boolean noOverwriteDirNonDir, Long chownUid, Long chownGid) {}

  /** Why an archive could not be extracted because of what it holds (a client error). */
  public static final class ArchiveException extends IOException {
    public ArchiveException(String message) {
      super(message);
    }
  }

  /**
   * Extracts {@code tar} (uncompressed) into the container directory {@code destDir} (a clean
   * absolute path without links, an existing directory) below the host directory {@code root}.
   */
  public static void extract(InputStream tar, Path root, String destDir, Options options) throws IOException {
    TarEntryReader reader = new TarEntryReader(tar);
    List<Object[]> dirTimes = new ArrayList<>();
    TarEntry e;
    while ((e = reader.next()) != null) {
      String name = TarEntry.text(e.name());
      String rel = relative(name);
      String containerPath = ScopedPaths.clean(destDir + "/" + rel);
      Path target;
      if (rel.isEmpty()) {
        target = ScopedPaths.host(root, destDir);
      } else {
        int slash = containerPath.lastIndexOf('/');
        String parent = ScopedPaths.resolve(root, containerPath.substring(0, Math.max(slash, 1)), true);
        Path parentHost = ScopedPaths.host(root, parent);
        if (!Files.exists(parentHost, LinkOption.NOFOLLOW_LINKS)) {
          Files.createDirectories(parentHost);
        } else if (!Files.isDirectory(parentHost, LinkOption.NOFOLLOW_LINKS)) {
          throw new ArchiveException("cannot extract \"" + name + "\": " + parent + " is not a directory");
        }
        target = parentHost.resolve(containerPath.substring(slash + 1));
      }
      boolean entryIsDir = e.type() == TarEntry.DIRECTORY;
      BasicFileAttributes existing = attributes(target);
      if (existing != null) {
        if (options.noOverwriteDirNonDir() && existing.isDirectory() && !entryIsDir) {
          throw new ArchiveException("cannot overwrite directory \"" + containerPath + "\" with non-directory \"" + name + "\"");
        }
        if (options.noOverwriteDirNonDir() && !existing.isDirectory() && entryIsDir) {
          throw new ArchiveException("cannot overwrite non-directory \"" + containerPath + "\" with directory \"" + name + "\"");
        }
        if (rel.isEmpty() && !entryIsDir) {
          throw new ArchiveException("cannot overwrite the extraction directory with \"" + name + "\"");
        }
        if (!(existing.isDirectory() && entryIsDir)) {
          if (existing.isDirectory()) {
            FileTrees.deleteTree(target);
          } else {
            Files.delete(target);
          }
        }
      }
      switch (e.type()) {
        case TarEntry.DIRECTORY -> {
          if (existing == null || !existing.isDirectory()) {
            Files.createDirectory(target);
          }
        }
        case TarEntry.FILE -> {
          try (OutputStream out = Files.newOutputStream(target, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE,
              LinkOption.NOFOLLOW_LINKS)) {
            reader.copyContent(out);
          }
        }
        case TarEntry.SYMLINK -> Files.createSymbolicLink(target, Path.of(TarEntry.text(e.linkName())));
        case TarEntry.HARD_LINK -> {
          String linkRel = relative(TarEntry.text(e.linkName()));
          String linkPath = ScopedPaths.resolve(root, ScopedPaths.clean(destDir + "/" + linkRel), false);
          Path linkHost = ScopedPaths.host(root, linkPath);
          if (!Files.exists(linkHost, LinkOption.NOFOLLOW_LINKS)) {
            throw new ArchiveException("hard link \"" + name + "\" points to \"" + TarEntry.text(e.linkName())
                + "\", which is not in the archive before it");
          }
          Files.createLink(target, linkHost);
          continue; // shares the target's owner, mode and times
        }
        case TarEntry.CHAR_DEVICE, TarEntry.BLOCK_DEVICE, TarEntry.FIFO -> {
          String kind = e.type() == TarEntry.FIFO ? "p" : e.type() == TarEntry.CHAR_DEVICE ? "c" : "b";
          List<String> argv = new ArrayList<>(List.of("mknod", target.toString(), kind));
          if (!kind.equals("p")) {
            argv.addAll(List.of(Integer.toString(e.devMajor()), Integer.toString(e.devMinor())));
          }
          HostCommand.run(argv);
        }
        default -> {
          continue; // what Docker skips too (e.g. GNU sparse or volume headers)
        }
      }
      long uid = options.chownUid() != null ? options.chownUid() : e.uid();
      long gid = options.chownGid() != null ? options.chownGid() : e.gid();
      Files.setAttribute(target, "unix:uid", (int) uid, LinkOption.NOFOLLOW_LINKS);
      Files.setAttribute(target, "unix:gid", (int) gid, LinkOption.NOFOLLOW_LINKS);
      if (e.type() != TarEntry.SYMLINK) {
        Files.setAttribute(target, "unix:mode", e.mode() & 07777);
        if (entryIsDir) {
          dirTimes.add(new Object[] {target, e.mtime()});
        } else {
          Files.setLastModifiedTime(target, FileTime.fromMillis(e.mtime() * 1000));
        }
      }
    }
    for (int i = dirTimes.size() - 1; i >= 0; i--) { // after their contents were written
      Files.setLastModifiedTime((Path) dirTimes.get(i)[0], FileTime.fromMillis((Long) dirTimes.get(i)[1] * 1000));
    }
  }

  /** A member's name relative to the destination ("" for the destination itself); refuses names that climb above it. */
  static String relative(String name) throws ArchiveException {
    List<String> out = new ArrayList<>();
    for (String c : name.split("/")) {
      if (c.isEmpty() || c.equals(".")) {
        continue;
      }
      if (c.equals("..")) {
        if (out.isEmpty()) {
          throw new ArchiveException("\"" + name + "\" is outside of the extraction directory");
        }
        out.remove(out.size() - 1);
      } else {
        out.add(c);
      }
    }
    return String.join("/", out);
  }

  private static BasicFileAttributes attributes(Path p) {
    try {
      return Files.readAttributes(p, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
    } catch (IOException e) {
      return null;
    }
  }
}
