package dev.jcompose.volume;

import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;

/**
 * A named volume on this host: its data lives in {@code mountpoint}; with driver options, that
 * directory is a mount point while a container uses the volume.
 */
public record VolumeInfo(String name, String driver, Path mountpoint, Instant createdAt, Map<String, String> labels,
    LocalDriverOptions options) {
  public VolumeInfo {
    labels = Map.copyOf(labels);
    options = options == null ? LocalDriverOptions.none() : options;
  }

  public VolumeInfo(String name, String driver, Path mountpoint, Instant createdAt, Map<String, String> labels) {
    this(name, driver, mountpoint, createdAt, labels, LocalDriverOptions.none());
  }
}
