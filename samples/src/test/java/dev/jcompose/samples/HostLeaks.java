package dev.jcompose.samples;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/** What a stack may leave on the host: links, mounts, cgroups and processes. Read from /proc and /sys. */
final class HostLeaks {
  private HostLeaks() {}

  /** Network interfaces whose names start with {@code prefix}. */
  static List<String> links(String prefix) throws IOException {
    List<String> out = new ArrayList<>();
    try (Stream<Path> s = Files.list(Path.of("/sys/class/net"))) {
      s.map(p -> p.getFileName().toString()).filter(n -> n.startsWith(prefix)).forEach(out::add);
    }
    return out;
  }

  /** {@code bridge} and the interfaces whose master it is (the host ends of its veths). */
  static List<String> linksOfBridge(String bridge) throws IOException {
    List<String> out = new ArrayList<>();
    out.add(bridge);
    for (String link : links("")) {
      Path master = Path.of("/sys/class/net", link, "master");
      if (Files.isSymbolicLink(master) && Files.readSymbolicLink(master).getFileName().toString().equals(bridge)) {
        out.add(link);
      }
    }
    return out;
  }

  /** Mount points (host mount namespace) below {@code under}. */
  static List<String> mountsUnder(Path under) throws IOException {
    List<String> out = new ArrayList<>();
    for (String line : Files.readAllLines(Path.of("/proc/self/mountinfo"))) {
      String[] f = line.split(" ");
      if (f.length > 4 && f[4].startsWith(under.toString())) {
        out.add(f[4]);
      }
    }
    return out;
  }

  /** Cgroup directories named {@code id} anywhere below a jcompose directory of any hierarchy. */
  static List<String> cgroups(String id) throws IOException {
    for (int attempt = 1; ; attempt++) {
      List<String> out = new ArrayList<>();
      try (Stream<Path> s = Files.walk(Path.of("/sys/fs/cgroup"), 8)) {
        s.filter(Files::isDirectory)
            .filter(p -> p.getFileName() != null && p.getFileName().toString().equals(id))
            .filter(p -> p.getParent() != null && p.getParent().getFileName().toString().equals("jcompose"))
            .forEach(p -> out.add(p.toString()));
        return out;
      } catch (java.io.UncheckedIOException e) {
        // another engine on this host removed one of its cgroups while the walk went through it: walk again
        if (!(e.getCause() instanceof java.nio.file.NoSuchFileException) || attempt == 5) {
          throw e;
        }
      }
    }
  }

  static boolean alive(long pid) {
    return ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
  }

  /**
   * Cgroup directories named after any of {@code ids} below a jcompose directory of any hierarchy:
   * one walk for many containers.
   */
  static List<String> cgroupsOf(java.util.Set<String> ids) throws IOException {
    List<String> out = new ArrayList<>();
    try (Stream<Path> s = Files.walk(Path.of("/sys/fs/cgroup"), 8)) {
      s.filter(p -> p.getFileName() != null && ids.contains(p.getFileName().toString()))
          .filter(p -> p.getParent() != null && p.getParent().getFileName().toString().equals("jcompose"))
          .filter(Files::isDirectory)
          .forEach(p -> out.add(p.toString()));
    }
    return out;
  }

  /** Processes (other than this JVM) whose command line contains {@code text}, as "pid: command line". */
  static List<String> processesMentioning(String text) throws IOException {
    List<String> out = new ArrayList<>();
    long self = ProcessHandle.current().pid();
    try (Stream<Path> s = Files.list(Path.of("/proc"))) {
      for (Path p : s.filter(d -> d.getFileName().toString().chars().allMatch(Character::isDigit)).toList()) {
        try {
          String cmd = new String(Files.readAllBytes(p.resolve("cmdline")), java.nio.charset.StandardCharsets.UTF_8).replace('\0', ' ');
          if (cmd.contains(text) && Long.parseLong(p.getFileName().toString()) != self) {
            out.add(p.getFileName() + ": " + cmd.strip());
          }
        } catch (IOException e) {
          // exited meanwhile
        }
      }
    }
    return out;
  }

  /** Entries (container or network ids) left in the engine's state dirs {@code containers/} and {@code networks/}. */
  static List<String> stateEntries(Path root) throws IOException {
    List<String> out = new ArrayList<>();
    for (String kind : List.of("containers", "networks")) {
      Path dir = root.resolve(kind);
      if (Files.isDirectory(dir)) {
        try (Stream<Path> s = Files.list(dir)) {
          s.forEach(p -> out.add(kind + "/" + p.getFileName()));
        }
      }
    }
    return out;
  }
}
