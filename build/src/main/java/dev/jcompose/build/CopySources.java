package dev.jcompose.build;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Finds the files a COPY/ADD source names below a root (the build context, or another stage's
 * or image's file system) and digests them for the cache. Sources never leave the root:
 * {@code ../x} is refused, as Docker refuses it.
 */
final class CopySources {
  private CopySources() {}

  /**
   * The paths {@code source} names below {@code root}, sorted; wildcards are matched per
   * segment. An absent path or a pattern that matches nothing is a {@link BuildException}.
   */
  static List<Path> match(Path root, String source, String what) {
    String cleaned = clean(source);
    if (cleaned.equals("..") || cleaned.startsWith("../")) {
      throw new BuildException("forbidden path outside the " + what + ": " + source
          + " (COPY and ADD only see files inside the " + what + ")");
    }
    if (cleaned.isEmpty() || cleaned.equals(".")) {
      return List.of(root);
    }
    List<Path> current = List.of(root);
    for (String segment : cleaned.split("/")) {
      List<Path> next = new ArrayList<>();
      if (!SourcePattern.hasWildcards(segment)) {
        for (Path p : current) {
          Path child = p.resolve(segment);
          if (Files.exists(child, LinkOption.NOFOLLOW_LINKS)) {
            next.add(child);
          }
        }
      } else {
        Pattern pattern = SourcePattern.compile(segment);
        for (Path p : current) {
          if (!Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)) {
            continue;
          }
          try (DirectoryStream<Path> children = Files.newDirectoryStream(p)) {
            for (Path child : children) {
              if (pattern.matcher(child.getFileName().toString()).matches()) {
                next.add(child);
              }
            }
          } catch (IOException e) {
            throw new BuildException("could not list " + p + " for " + source + ": " + e.getMessage(), e);
          }
        }
      }
      next.sort(null);
      current = next;
    }
    if (current.isEmpty()) {
      throw new BuildException(SourcePattern.hasWildcards(cleaned)
          ? "no source files were specified: " + source + " matches nothing in the " + what
          : source + ": not found in the " + what + (what.equals("build context")
              ? " (is it excluded by .dockerignore, or outside the context directory?)" : ""));
    }
    return current;
  }

  /** filepath.Clean for a relative source: no leading {@code /} or {@code ./}, no empty or {@code .} segments, {@code ..} resolved. */
  static String clean(String source) {
    List<String> out = new ArrayList<>();
    for (String s : source.split("/")) {
      if (s.isEmpty() || s.equals(".")) {
        continue;
      }
      if (s.equals("..") && !out.isEmpty() && !out.get(out.size() - 1).equals("..")) {
        out.remove(out.size() - 1);
      } else {
        out.add(s);
      }
    }
    return String.join("/", out);
  }

  /**
   * A digest of the sources' content for the cache: every file's path (relative to {@code root}),
   * type, mode and bytes, every link's target. Times and owners are left out (the context's
   * files get owner 0 and their times change with every upload), as BuildKit does.
   */
  static String digest(Path root, List<Path> sources) {
    MessageDigest sha = BuildCache.sha256();
    for (Path source : sources) {
      // named relative to the root (whose own name differs with every upload of the context)
      String name = source.startsWith(root) ? root.relativize(source).toString() : String.valueOf(source.getFileName());
      try (Stream<Path> walk = Files.walk(source)) {
        for (Path p : walk.sorted().toList()) {
          String rel = source.relativize(p).toString();
          BuildCache.update(sha, name + "/" + rel);
          int mode = (int) Files.getAttribute(p, "unix:mode", LinkOption.NOFOLLOW_LINKS);
          BuildCache.update(sha, Integer.toOctalString(mode));
          if (Files.isSymbolicLink(p)) {
            BuildCache.update(sha, Files.readSymbolicLink(p).toString());
          } else if (Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS)) {
            try (InputStream in = Files.newInputStream(p)) {
              byte[] buf = new byte[64 * 1024];
              for (int n = in.read(buf); n > 0; n = in.read(buf)) {
                sha.update(buf, 0, n);
              }
            }
          }
        }
      } catch (IOException e) {
        throw new BuildException("could not read " + source + " to copy it: " + e.getMessage(), e);
      }
    }
    return HexFormat.of().formatHex(sha.digest());
  }

}
