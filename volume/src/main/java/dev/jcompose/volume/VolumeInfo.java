package dev.jcompose.volume;

import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;

/** A named volume on this host: its data lives in {@code mountpoint}. */
public record VolumeInfo(String name, String driver, Path mountpoint, Instant createdAt, Map<String, String> labels) {
  public VolumeInfo {
    labels = Map.copyOf(labels);
  }
}
