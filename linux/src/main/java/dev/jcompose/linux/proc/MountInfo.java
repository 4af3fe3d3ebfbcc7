package dev.jcompose.linux.proc;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;

/**
 * One line of {@code /proc/PID/mountinfo} (proc(5)): which filesystem is mounted where, and
 * which part of it ({@code root}) the mount shows.
 *
 * <p>Example: {@code 35 31 0:32 / /sys/fs/cgroup/memory rw,relatime - cgroup cgroup rw,memory}.
 * Paths come back decoded (the kernel writes a space as {@code \040}).
 */
public record MountInfo(
    int mountId,
    int parentId,
    String root,
    String mountPoint,
    String mountOptions,
    List<String> optionalFields,
    String fsType,
    String source,
    String superOptions) {

  public MountInfo {
    optionalFields = List.copyOf(optionalFields);
  }

  /** The mounts of the calling process's mount namespace. */
  public static List<MountInfo> readSelf() {
    return read(Path.of("/proc/self/mountinfo"));
  }

  public static List<MountInfo> read(Path mountinfo) {
    try {
      return parse(Files.readString(mountinfo));
    } catch (IOException e) {
      throw new UncheckedIOException("could not read " + mountinfo, e);
    }
  }

  public static List<MountInfo> parse(String text) {
    List<MountInfo> mounts = new ArrayList<>();
    for (String line : text.split("\n")) {
      if (!line.isBlank()) {
        mounts.add(parseLine(line));
      }
    }
    return List.copyOf(mounts);
  }

  static MountInfo parseLine(String line) {
    String[] f = line.split(" ");
    int dash = Arrays.asList(f).indexOf("-");
    if (dash < 6 || dash + 2 >= f.length) {
      throw new IllegalArgumentException("not a mountinfo line: " + line);
    }
    return new MountInfo(
        Integer.parseInt(f[0]),
        Integer.parseInt(f[1]),
        decode(f[3]),
        decode(f[4]),
        f[5],
        Arrays.asList(f).subList(6, dash),
        f[dash + 1],
        decode(f[dash + 2]),
        dash + 3 < f.length ? f[dash + 3] : "");
  }

  /** The per-filesystem options (for a v1 cgroup mount, its controllers such as {@code memory}). */
  public Set<String> superOptionSet() {
    return Set.of(superOptions.split(","));
  }

  /** True when this mount point is {@code path} or lies below it. */
  public boolean isAtOrBelow(String path) {
    String p = path.endsWith("/") && path.length() > 1 ? path.substring(0, path.length() - 1) : path;
    return mountPoint.equals(p) || mountPoint.startsWith(p.equals("/") ? "/" : p + "/");
  }

  /** Undoes the kernel's octal escapes ({@code \040} space, {@code \011} tab, {@code \012} newline, {@code \134} backslash). */
  static String decode(String s) {
    if (s.indexOf('\\') < 0) {
      return s;
    }
    StringBuilder out = new StringBuilder(s.length());
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '\\' && isOctal(s, i + 1)) {
        out.append((char) Integer.parseInt(s.substring(i + 1, i + 4), 8));
        i += 3;
      } else {
        out.append(c);
      }
    }
    return out.toString();
  }

  private static boolean isOctal(String s, int from) {
    if (from + 3 > s.length()) {
      return false;
    }
    for (int i = from; i < from + 3; i++) {
      if (s.charAt(i) < '0' || s.charAt(i) > '7') {
        return false;
      }
    }
    return true;
  }
}
