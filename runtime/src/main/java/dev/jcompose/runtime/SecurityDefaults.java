package dev.jcompose.runtime;

import java.util.List;

/**
 * Docker's default confinement (moby {@code oci/defaults.go}), applied to every container:
 * capabilities, paths of /proc and /sys hidden from it, and paths it may only read.
 */
public final class SecurityDefaults {
  static final long CAPABILITIES = Capability.mask(Capability.DOCKER_DEFAULTS);

  public static final List<String> MASKED_PATHS = List.of(
      "/proc/asound", "/proc/acpi", "/proc/kcore", "/proc/keys", "/proc/latency_stats",
      "/proc/timer_list", "/proc/timer_stats", "/proc/sched_debug", "/proc/scsi",
      "/sys/firmware", "/sys/devices/virtual/powercap");

  public static final List<String> READONLY_PATHS = List.of(
      "/proc/bus", "/proc/fs", "/proc/irq", "/proc/sys", "/proc/sysrq-trigger");

  /** Docker's PATH for a container whose image and config set none. */
  static final String DEFAULT_PATH = "PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin";

  private SecurityDefaults() {}
}
