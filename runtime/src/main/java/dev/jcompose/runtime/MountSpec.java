package dev.jcompose.runtime;

import java.util.List;
import java.util.Objects;

/**
 * A mount into the container's root filesystem, done after /proc, /sys and /dev.
 * A {@link Kind#BIND} mount is recursive and creates its target (a directory or an empty file,
 * matching the source); a {@link Kind#TMPFS} mount ignores {@code source}. {@code options} are
 * extra mount options such as {@code nosuid}, {@code noexec}, {@code size=64m}, {@code mode=1777}.
 */
public record MountSpec(Kind kind, String source, String target, boolean readOnly, List<String> options) {

  public enum Kind { BIND, TMPFS }

  public MountSpec {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(target, "target");
    source = source == null ? "" : source;
    options = List.copyOf(options);
    if (!target.startsWith("/")) {
      throw new IllegalArgumentException("mount target \"" + target + "\" must be an absolute path in the container");
    }
    if (kind == Kind.BIND && !source.startsWith("/")) {
      throw new IllegalArgumentException("bind mount source \"" + source + "\" must be an absolute host path");
    }
    for (String o : options) {
      if (o.isEmpty() || o.contains(",")) {
        throw new IllegalArgumentException("mount option \"" + o + "\" for " + target + " must be one non-empty option without ','");
      }
    }
  }

  public static MountSpec bind(String hostPath, String target, boolean readOnly) {
    return new MountSpec(Kind.BIND, hostPath, target, readOnly, List.of());
  }

  public static MountSpec tmpfs(String target, List<String> options) {
    return new MountSpec(Kind.TMPFS, "tmpfs", target, false, options);
  }
}
