package dev.jcompose.runtime;

import java.nio.file.Path;
import java.util.Objects;
import java.util.Set;

/**
 * A namespace a container shares instead of getting a new one: another container's (the engine
 * gives {@code /proc/PID/ns/TYPE} of that container's init), or, with a null path, the host's (the
 * engine's own, as {@code ipc: host} and {@code pid: host}). jc-helper joins it with setns(2)
 * before it clones the container's init. A network namespace is joined with
 * {@code newNetwork=false}; "share the host's network" stays {@code newNetwork=false} without a join.
 *
 * @param type net, ipc or pid
 */
public record NamespaceJoin(String type, Path path) {
  static final Set<String> TYPES = Set.of("net", "ipc", "pid");

  public NamespaceJoin {
    Objects.requireNonNull(type, "type");
    if (!TYPES.contains(type)) {
      throw new IllegalArgumentException("namespace type \"" + type + "\" cannot be shared: only net, ipc and pid");
    }
    if (path != null && !path.isAbsolute()) {
      throw new IllegalArgumentException(type + " namespace path " + path + " must be absolute");
    }
  }

  /** Another container's namespace of {@code type}, by the host pid of its init. */
  public static NamespaceJoin ofProcess(String type, long pid) {
    return new NamespaceJoin(type, Path.of("/proc", Long.toString(pid), "ns", type));
  }

  /** The host's (the engine's) namespace of {@code type}. */
  public static NamespaceJoin host(String type) {
    return new NamespaceJoin(type, null);
  }
}
