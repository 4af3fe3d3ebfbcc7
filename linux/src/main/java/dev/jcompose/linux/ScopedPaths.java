package dev.jcompose.linux;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * Paths inside a container's root directory seen from the host, resolved as the container sees
 * them: symbolic links are followed as if {@code root} were "/", so that no link (absolute or
 * with "..") leads out of the root. Docker's {@code FollowSymlinkInScope}.
 *
 * <p>Between resolving and using a path, a process of a running container could swap a
 * directory for a link; Docker had the same race (CVE-2018-15664). Callers accept it.
 */
public final class ScopedPaths {
  private static final int MAX_LINKS = 255;

  private ScopedPaths() {}

  /**
   * Resolves the absolute container path {@code path} below {@code root}. Components that do
   * not exist are kept as they are. {@code followLast}: whether a link in the last component is
   * followed too (else it is returned as the link itself).
   *
   * @return a clean absolute container path without links ("/" for the root)
   */
  public static String resolve(Path root, String path, boolean followLast) throws IOException {
    Deque<String> todo = new ArrayDeque<>(split(path));
    List<String> done = new ArrayList<>();
    int links = 0;
    while (!todo.isEmpty()) {
      String c = todo.pollFirst();
      if (c.isEmpty() || c.equals(".")) {
        continue;
      }
      if (c.equals("..")) {
        if (!done.isEmpty()) {
          done.remove(done.size() - 1);
        }
        continue;
      }
      boolean last = todo.stream().allMatch(x -> x.isEmpty() || x.equals("."));
      Path host = host(root, join(done) + "/" + c);
      if ((!last || followLast) && Files.isSymbolicLink(host)) {
        if (++links > MAX_LINKS) {
          throw new IOException("too many levels of symbolic links resolving " + path);
        }
        String target = Files.readSymbolicLink(host).toString();
        if (target.startsWith("/")) {
          done.clear();
        }
        List<String> t = split(target);
        for (int i = t.size() - 1; i >= 0; i--) {
          todo.addFirst(t.get(i));
        }
        continue;
      }
      done.add(c);
    }
    return join(done);
  }

  /** The host path of the clean absolute container path {@code containerPath}. */
  public static Path host(Path root, String containerPath) {
    String rel = containerPath.replaceFirst("^/+", "");
    return rel.isEmpty() ? root : root.resolve(rel);
  }

  /**
   * Cleans a path lexically (".", "..", repeated slashes) as Go's {@code filepath.Clean} does for
   * an absolute path: ".." never climbs above "/".
   */
  public static String clean(String absolute) {
    List<String> out = new ArrayList<>();
    for (String c : split(absolute)) {
      if (c.isEmpty() || c.equals(".")) {
        continue;
      }
      if (c.equals("..")) {
        if (!out.isEmpty()) {
          out.remove(out.size() - 1);
        }
      } else {
        out.add(c);
      }
    }
    return join(out);
  }

  private static List<String> split(String p) {
    List<String> out = new ArrayList<>();
    for (String s : p.split("/")) {
      if (!s.isEmpty()) {
        out.add(s);
      }
    }
    return out;
  }

  private static String join(List<String> parts) {
    return "/" + String.join("/", parts);
  }
}
