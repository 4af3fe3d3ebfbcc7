package dev.jcompose.volume;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The local driver's {@code driver_opts} ({@code docker volume create --opt}): {@code type},
 * {@code device} and {@code o} are what {@code mount -t TYPE -o O DEVICE <volume>/_data} gets
 * when a container that uses the volume starts. Docker's rules: no other option names, and
 * {@code type}, {@code device} and {@code o} only together ({@code o} needs both others).
 * Stricter than Docker, which finds these at the first mount: a type the kernel does not know,
 * a bind ({@code o} has {@code bind}) of a path that does not exist, or a {@code type: none}
 * without {@code bind} are refused when the volume is created.
 *
 * @param type the filesystem type ({@code none} for a bind, {@code tmpfs}, ...), or null for a plain volume
 * @param device what to mount: a host directory for a bind, any word for tmpfs
 * @param o the mount options, comma-separated ({@code bind}, {@code size=64m,mode=1777}, ...); "" for none
 */
public record LocalDriverOptions(String type, String device, String o) {
  private static final Set<String> NAMES = Set.of("type", "device", "o");
  private static final LocalDriverOptions NONE = new LocalDriverOptions(null, null, "");

  public LocalDriverOptions {
    o = o == null ? "" : o;
  }

  /** Options of a plain directory volume. */
  public static LocalDriverOptions none() {
    return NONE;
  }

  /**
   * Checks the options given for volume {@code volume}; {@code kernelFilesystems} is what
   * {@code /proc/filesystems} lists (see {@link #kernelFilesystems()}).
   */
  public static LocalDriverOptions parse(String volume, Map<String, String> opts, Set<String> kernelFilesystems) {
    if (opts == null || opts.isEmpty()) {
      return NONE;
    }
    for (String k : new TreeMap<>(opts).keySet()) {
      if (!NAMES.contains(k)) {
        throw invalid(volume, "invalid option: \"" + k + "\" (the local driver knows type, device and o)");
      }
    }
    String type = blankToNull(opts.get("type"));
    String device = blankToNull(opts.get("device"));
    String o = opts.getOrDefault("o", "");
    if (type == null || device == null) {
      throw invalid(volume, "missing required option: \"" + (type == null ? "type" : "device")
          + "\" (type, device and o go together: e.g. type=none, device=/host/dir, o=bind; or type=tmpfs, device=tmpfs, o=size=64m)");
    }
    LocalDriverOptions out = new LocalDriverOptions(type, device, o);
    if (out.isBind()) {
      if (!device.startsWith("/")) {
        throw invalid(volume, "the device of a bind (o=" + o + ") must be an absolute host path, got \"" + device + "\"");
      }
      if (!Files.isDirectory(Path.of(device))) {
        throw invalid(volume, "the device to bind, " + device + ", does not exist (or is not a directory) on this host: "
            + "create it first");
      }
    } else if (type.equals("none")) {
      throw invalid(volume, "type \"none\" needs o=bind (to bind-mount the device directory); got o=\"" + o + "\"");
    } else if (!kernelFilesystems.contains(type)) {
      throw invalid(volume, "unknown filesystem type \"" + type + "\": this kernel knows " + String.join(", ",
          new java.util.TreeSet<>(kernelFilesystems)) + " (and none with o=bind)");
    }
    return out;
  }

  /** Whether a mount is wanted at all (false for a plain directory volume). */
  public boolean mounts() {
    return type != null;
  }

  /** Whether {@code o} asks for a bind mount ({@code bind} or {@code rbind}). */
  public boolean isBind() {
    return Arrays.stream(o.split(",")).anyMatch(x -> x.equals("bind") || x.equals("rbind"));
  }

  /** The options as {@code volume inspect} shows them ({@code Options}). */
  public Map<String, String> asMap() {
    if (!mounts()) {
      return Map.of();
    }
    Map<String, String> m = new TreeMap<>();
    m.put("type", type);
    m.put("device", device);
    if (!o.isEmpty()) {
      m.put("o", o);
    }
    return m;
  }

  /** The filesystem types of {@code /proc/filesystems}; empty when it cannot be read. */
  public static Set<String> kernelFilesystems() {
    try {
      Set<String> out = new java.util.TreeSet<>();
      for (String line : Files.readAllLines(Path.of("/proc/filesystems"))) {
        String[] f = line.trim().split("\\s+");
        out.add(f[f.length - 1]);
      }
      return out;
    } catch (java.io.IOException e) {
      return Set.of();
    }
  }

  private static String blankToNull(String s) {
    return s == null || s.isBlank() ? null : s;
  }

  private static VolumeException invalid(String volume, String why) {
    return new VolumeException(VolumeException.Kind.INVALID, "create volume " + volume + ": " + why, null);
  }
}
