package dev.jcompose.runtime.helper;

import java.util.Objects;

/**
 * One {@code mount=} line of the helper spec: {@code type} is {@code "bind"} or a filesystem
 * type such as {@code "tmpfs"}; {@code options} is the comma-separated list the helper splits
 * into mount flags (ro, nosuid, ...) and filesystem data (size=64m).
 */
public record HelperMount(String type, String source, String target, String options) {
  public HelperMount {
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(target, "target");
    Objects.requireNonNull(options, "options");
  }
}
