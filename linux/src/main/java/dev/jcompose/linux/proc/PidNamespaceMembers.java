package dev.jcompose.linux.proc;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The host PIDs of the processes in the same PID namespace as a given process (a container's init). */
public final class PidNamespaceMembers {
  private PidNamespaceMembers() {}

  /** Empty when {@code initPid} is gone; ascending order. */
  public static List<Long> of(long initPid) {
    return of(Path.of("/proc"), initPid);
  }

  static List<Long> of(Path proc, long initPid) {
    Path target;
    try {
      target = Files.readSymbolicLink(proc.resolve(Long.toString(initPid)).resolve("ns/pid"));
    } catch (IOException e) {
      return List.of();
    }
    List<Long> out = new ArrayList<>();
    try (DirectoryStream<Path> dirs = Files.newDirectoryStream(proc, p -> p.getFileName().toString().matches("[0-9]+"))) {
      for (Path d : dirs) {
        try {
          if (Files.readSymbolicLink(d.resolve("ns/pid")).equals(target)) {
            out.add(Long.parseLong(d.getFileName().toString()));
          }
        } catch (IOException e) {
          // the process exited while we looked, or is not ours to read
        }
      }
    } catch (IOException e) {
      return List.of();
    }
    out.sort(null);
    return out;
  }
}
