package dev.jcompose.build;

import dev.jcompose.linux.FileTrees;
import dev.jcompose.linux.Tar;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes what one COPY or ADD puts into the image into a fresh layer directory, with Docker's
 * rules: a source directory's contents (not the directory) are copied; several sources need a
 * destination ending in {@code /}; a file goes to {@code dest/name} when the destination is a
 * directory (ends in {@code /} or is one in the image), else it becomes {@code dest}; copied
 * files belong to root unless {@code --chown} says otherwise; ADD unpacks local tar archives.
 * Parent directories that the image has keep their mode and owner in the new layer.
 */
final class CopyLayer {
  private final Path layerDir;
  private final LayerLookup image;
  private final int uid;
  private final int gid;
  private final Integer chmod;

  CopyLayer(Path layerDir, LayerLookup image, int uid, int gid, Integer chmod) {
    this.layerDir = layerDir;
    this.image = image;
    this.uid = uid;
    this.gid = gid;
    this.chmod = chmod;
  }

  /**
   * Copies {@code sources} to {@code dest} (absolute, in the image).
   *
   * @param unpackArchives ADD: local tar archives are unpacked into the destination directory
   */
  void copy(List<Path> sources, String dest, boolean wildcard, boolean unpackArchives) throws IOException {
    boolean destIsDir = dest.endsWith("/") || dest.endsWith("/.") || image.isDirectory(dest);
    if ((sources.size() > 1 || wildcard && sources.size() > 1) && !dest.endsWith("/")) {
      throw new BuildException("when copying more than one source, the destination must be a directory and end with a /: "
          + dest + " (write " + dest + "/)");
    }
    prepareRoot();
    for (Path source : sources) {
      boolean directory = Files.isDirectory(source); // a link to a directory is followed, as Docker follows the source path
      if (directory) {
        Path target = mkdirs(dest);
        try (var children = Files.list(source)) {
          for (Path child : children.sorted().toList()) {
            Path to = target.resolve(child.getFileName().toString());
            FileTrees.copy(child, to);
            own(to);
          }
        }
      } else if (unpackArchives && Tar.isArchive(source)) {
        Path target = mkdirs(dest);
        Tar.extract(source, target);
      } else {
        String file = destIsDir ? join(dest, source.getFileName().toString()) : dest;
        Path to = mkdirs(parentOf(file)).resolve(nameOf(file));
        if (Files.exists(to, LinkOption.NOFOLLOW_LINKS)) {
          FileTrees.deleteTree(to);
        }
        FileTrees.copy(source.toRealPath(), to);
        own(to);
      }
    }
  }

  /** Writes one file of inline content (a COPY heredoc). */
  void write(String dest, String name, String content) throws IOException {
    prepareRoot();
    String file = dest.endsWith("/") || image.isDirectory(dest) ? join(dest, name) : dest;
    Path to = mkdirs(parentOf(file)).resolve(nameOf(file));
    Files.writeString(to, content);
    Files.setAttribute(to, "unix:mode", 0644);
    own(to);
  }

  private void own(Path p) {
    FileTrees.chown(p, uid, gid);
    if (chmod != null) {
      FileTrees.chmod(p, chmod);
    }
  }

  private void prepareRoot() throws IOException {
    Files.createDirectories(layerDir);
    Files.setAttribute(layerDir, "unix:mode", image.find("/").map(LayerLookup.Entry::mode).orElse(0755));
  }

  /** Creates {@code absolute} and its parents in the layer, with the image's modes and owners where it has them. */
  private Path mkdirs(String absolute) throws IOException {
    Path at = layerDir;
    String sofar = "";
    List<String> created = new ArrayList<>();
    for (String segment : CopySources.clean(absolute).split("/")) {
      if (segment.isEmpty()) {
        continue;
      }
      sofar = sofar + "/" + segment;
      at = at.resolve(segment);
      if (Files.isDirectory(at, LinkOption.NOFOLLOW_LINKS)) {
        continue;
      }
      Files.createDirectory(at);
      var existing = image.find(sofar);
      if (existing.isPresent() && existing.get().directory()) {
        Files.setAttribute(at, "unix:mode", existing.get().mode());
        Files.setAttribute(at, "unix:uid", existing.get().uid(), LinkOption.NOFOLLOW_LINKS);
        Files.setAttribute(at, "unix:gid", existing.get().gid(), LinkOption.NOFOLLOW_LINKS);
      } else {
        Files.setAttribute(at, "unix:mode", 0755);
        created.add(sofar);
      }
    }
    if (!created.isEmpty() && created.get(created.size() - 1).equals("/" + CopySources.clean(absolute))) {
      Files.setAttribute(at, "unix:uid", uid, LinkOption.NOFOLLOW_LINKS); // the destination directory COPY made is --chown's
      Files.setAttribute(at, "unix:gid", gid, LinkOption.NOFOLLOW_LINKS);
    }
    return at;
  }

  private static String join(String dir, String name) {
    return (dir.endsWith("/") ? dir : dir + "/") + name;
  }

  private static String parentOf(String file) {
    String clean = "/" + CopySources.clean(file);
    int slash = clean.lastIndexOf('/');
    return slash <= 0 ? "/" : clean.substring(0, slash);
  }

  private static String nameOf(String file) {
    String clean = CopySources.clean(file);
    return clean.substring(clean.lastIndexOf('/') + 1);
  }
}
