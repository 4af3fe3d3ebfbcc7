package dev.jcompose.runtime;

import java.util.List;

/**
 * How much of Docker's default confinement a container keeps: {@code cap_add}, {@code cap_drop}
 * (names as Docker takes them: {@code NET_ADMIN}, {@code CAP_NET_ADMIN}, {@code ALL}),
 * {@code privileged} (every capability, no masked or read-only paths, no seccomp filter) and
 * {@code seccomp} ({@code security_opt: seccomp=...}): null for Docker's default filter
 * ({@link SeccompFilter}), {@code "unconfined"} for none, else a Docker seccomp profile (JSON,
 * {@link SeccompProfile}).
 */
public record SecurityOptions(List<String> capAdd, List<String> capDrop, boolean privileged, String seccomp) {
  /** Docker's defaults: its 14 capabilities, masked and read-only paths, the default seccomp filter. */
  public static final SecurityOptions DEFAULT = new SecurityOptions(List.of(), List.of(), false);
  public static final String UNCONFINED = "unconfined";

  public SecurityOptions {
    capAdd = capAdd == null ? List.of() : List.copyOf(capAdd);
    capDrop = capDrop == null ? List.of() : List.copyOf(capDrop);
    seccomp = seccomp == null || seccomp.isBlank() ? null : seccomp;
  }

  /** With the default seccomp filter. */
  public SecurityOptions(List<String> capAdd, List<String> capDrop, boolean privileged) {
    this(capAdd, capDrop, privileged, null);
  }

  /**
   * Compiles a {@code seccomp} profile once to find its errors early (at container create);
   * nothing to do for the default filter or {@code unconfined}.
   *
   * @throws IllegalArgumentException naming what in the profile is wrong
   */
  public void checkSeccompProfile() {
    if (seccomp != null && !seccomp.equals(UNCONFINED)) {
      SeccompProfile.compile(seccomp, capabilities(), System.getProperty("os.version"));
    }
  }

  public SecurityOptions withSeccomp(String profile) {
    return new SecurityOptions(capAdd, capDrop, privileged, profile);
  }

  /** The capabilities the container gets ({@link Capabilities#resolve}). */
  public java.util.Set<Capability> capabilities() {
    return Capabilities.resolve(capAdd, capDrop, privileged);
  }
}
