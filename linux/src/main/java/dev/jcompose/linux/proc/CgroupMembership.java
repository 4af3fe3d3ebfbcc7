package dev.jcompose.linux.proc;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * One line of {@code /proc/PID/cgroup} (cgroups(7)): the cgroup a process belongs to in one
 * hierarchy. {@code 4:memory:/process_api/20f7} is v1 hierarchy 4 with the memory controller;
 * {@code 0::/user.slice} is the cgroup v2 (unified) hierarchy, which has no controller list here.
 */
public record CgroupMembership(int hierarchyId, List<String> controllers, String path) {

  public CgroupMembership {
    controllers = List.copyOf(controllers);
  }

  /** The cgroups of the calling process. */
  public static List<CgroupMembership> readSelf() {
    return read(Path.of("/proc/self/cgroup"));
  }

  public static List<CgroupMembership> read(Path procCgroup) {
    try {
      return parse(Files.readString(procCgroup));
    } catch (IOException e) {
      throw new UncheckedIOException("could not read " + procCgroup, e);
    }
  }

  public static List<CgroupMembership> parse(String text) {
    List<CgroupMembership> entries = new ArrayList<>();
    for (String line : text.split("\n")) {
      if (line.isBlank()) {
        continue;
      }
      String[] f = line.split(":", 3);
      if (f.length != 3) {
        throw new IllegalArgumentException("not a /proc/PID/cgroup line: " + line);
      }
      List<String> controllers = f[1].isEmpty() ? List.of() : List.of(f[1].split(","));
      entries.add(new CgroupMembership(Integer.parseInt(f[0]), controllers, f[2]));
    }
    return List.copyOf(entries);
  }

  /** True for the cgroup v2 line ({@code 0::PATH}). */
  public boolean isUnified() {
    return hierarchyId == 0 && controllers.isEmpty();
  }
}
