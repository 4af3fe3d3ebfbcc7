package dev.jcompose.runtime;

import java.util.List;

/**
 * How much of Docker's default confinement a container keeps: {@code cap_add}, {@code cap_drop}
 * (names as Docker takes them: {@code NET_ADMIN}, {@code CAP_NET_ADMIN}, {@code ALL}) and
 * {@code privileged} (every capability, no masked or read-only paths).
 */
public record SecurityOptions(List<String> capAdd, List<String> capDrop, boolean privileged) {
  /** Docker's defaults: its 14 capabilities, masked and read-only paths. */
  public static final SecurityOptions DEFAULT = new SecurityOptions(List.of(), List.of(), false);

  public SecurityOptions {
    capAdd = capAdd == null ? List.of() : List.copyOf(capAdd);
    capDrop = capDrop == null ? List.of() : List.copyOf(capDrop);
  }

  /** The capabilities the container gets ({@link Capabilities#resolve}). */
  public java.util.Set<Capability> capabilities() {
    return Capabilities.resolve(capAdd, capDrop, privileged);
  }
}
