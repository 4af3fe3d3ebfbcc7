package dev.jcompose.linux.proc;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The fields of {@code /proc/PID/status} (proc(5)): {@code Name}, {@code Uid}, {@code CapBnd},
 * {@code CapEff}, {@code Seccomp}, ... as text, with typed readers for the capability masks.
 */
public record ProcStatus(long pid, Map<String, String> fields) {

  public ProcStatus {
    fields = Map.copyOf(fields);
  }

  /** Reads the status of host process {@code pid}; empty when no such process exists. */
  public static Optional<ProcStatus> read(long pid) throws IOException {
    try {
      return Optional.of(parse(pid, Files.readString(Path.of("/proc", Long.toString(pid), "status"))));
    } catch (NoSuchFileException e) {
      return Optional.empty();
    }
  }

  /** Parses the text of a status file: one {@code Name:<TAB>value} per line. */
  public static ProcStatus parse(long pid, String text) {
    Map<String, String> fields = new LinkedHashMap<>();
    for (String line : text.split("\n")) {
      int colon = line.indexOf(':');
      if (colon > 0) {
        fields.put(line.substring(0, colon), line.substring(colon + 1).strip());
      }
    }
    return new ProcStatus(pid, fields);
  }

  public Optional<String> field(String name) {
    return Optional.ofNullable(fields.get(name));
  }

  /** The capability bounding set ({@code CapBnd}), as a bit mask. */
  public long boundingCapabilities() {
    return capabilityMask("CapBnd");
  }

  /** The effective capabilities ({@code CapEff}), as a bit mask. */
  public long effectiveCapabilities() {
    return capabilityMask("CapEff");
  }

  private long capabilityMask(String name) {
    String hex = field(name).orElseThrow(() -> new IllegalStateException(
        "/proc/" + pid + "/status has no " + name + " line; is /proc a Linux procfs?"));
    try {
      return Long.parseUnsignedLong(hex, 16);
    } catch (NumberFormatException e) {
      throw new IllegalStateException("/proc/" + pid + "/status: " + name + " \"" + hex + "\" is not a hex mask", e);
    }
  }
}
