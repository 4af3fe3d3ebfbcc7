package dev.jcompose.runtime;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * What a container's processes get beyond their user and limits, in Docker's HostConfig terms:
 *
 * @param readonlyRootfs {@code ReadonlyRootfs}: the root filesystem is remounted read-only once set up;
 *                       volumes, tmpfs mounts, /dev, /proc, /sys and /etc/hosts stay as they are
 * @param shmSize        {@code ShmSize}: bytes of the /dev/shm tmpfs; 0 is Docker's default, 64 MiB
 * @param sysctls        {@code Sysctls}: namespaced kernel parameters only ({@link #checkSysctls})
 * @param ulimits        {@code Ulimits}: setrlimit(2) before the command, and for each exec
 * @param additionalGids the supplementary groups, primary group first ({@link UserSpec#additionalGids});
 *                       empty: only the primary group
 * @param oomScoreAdj    {@code OomScoreAdj}, -1000..1000; null leaves the engine's value
 * @param devices        {@code Devices}: host device nodes made in the container's /dev and allowed in its devices cgroup
 * @param logMaxSize     json-file {@code max-size}: the log is rotated before it grows past this many bytes; 0 never
 * @param logMaxFiles    json-file {@code max-file}: how many log files are kept, the current one included (1: it is emptied)
 */
public record RuntimeOptions(boolean readonlyRootfs, long shmSize, Map<String, String> sysctls, List<Ulimit> ulimits,
    List<Integer> additionalGids, Integer oomScoreAdj, List<Device> devices, long logMaxSize, int logMaxFiles) {

  /** Docker's default /dev/shm size. */
  public static final long DEFAULT_SHM_SIZE = 64L * 1024 * 1024;

  public static final RuntimeOptions DEFAULT = new RuntimeOptions(false, 0, Map.of(), List.of(), List.of(), null);

  /** Without devices, and a log that is never rotated. */
  public RuntimeOptions(boolean readonlyRootfs, long shmSize, Map<String, String> sysctls, List<Ulimit> ulimits,
      List<Integer> additionalGids, Integer oomScoreAdj) {
    this(readonlyRootfs, shmSize, sysctls, ulimits, additionalGids, oomScoreAdj, List.of(), 0, 1);
  }

  private static final Pattern SYSCTL_NAME = Pattern.compile("[A-Za-z0-9_-]+(\\.[A-Za-z0-9_-]+)+");

  public RuntimeOptions {
    sysctls = sysctls == null ? Map.of() : java.util.Collections.unmodifiableMap(new LinkedHashMap<>(sysctls));
    ulimits = ulimits == null ? List.of() : List.copyOf(ulimits);
    additionalGids = additionalGids == null ? List.of() : List.copyOf(additionalGids);
    devices = devices == null ? List.of() : List.copyOf(devices);
    if (logMaxSize < 0) {
      throw new IllegalArgumentException("log max-size " + logMaxSize + " must be positive (or 0 for no rotation)");
    }
    if (logMaxFiles < 1) {
      throw new IllegalArgumentException("log max-file " + logMaxFiles + " must be at least 1");
    }
    if (logMaxFiles > 1 && logMaxSize == 0) {
      throw new IllegalArgumentException("max-file can only be used with max-size (log max-file " + logMaxFiles + " without max-size)");
    }
    if (shmSize < 0) {
      throw new IllegalArgumentException("SHM size " + shmSize + " must be greater than 0 (or 0 for the default of 64 MiB)");
    }
    if (oomScoreAdj != null && (oomScoreAdj < -1000 || oomScoreAdj > 1000)) {
      throw new IllegalArgumentException("invalid value " + oomScoreAdj + ", range for oom score adj is [-1000, 1000]");
    }
    for (int g : additionalGids) {
      if (g < 0) {
        throw new IllegalArgumentException("supplementary group " + g + " must not be negative");
      }
    }
    List<String> seen = new ArrayList<>();
    for (Ulimit u : ulimits) {
      if (seen.contains(u.name())) {
        throw new IllegalArgumentException("ulimit " + u.name() + " is given twice");
      }
      seen.add(u.name());
    }
  }

  /** The /dev/shm size the container gets: {@link #shmSize}, or 64 MiB when that is 0. */
  public long effectiveShmSize() {
    return shmSize == 0 ? DEFAULT_SHM_SIZE : shmSize;
  }

  public RuntimeOptions withReadonlyRootfs(boolean readOnly) {
    return new RuntimeOptions(readOnly, shmSize, sysctls, ulimits, additionalGids, oomScoreAdj, devices, logMaxSize, logMaxFiles);
  }

  public RuntimeOptions withShmSize(long bytes) {
    return new RuntimeOptions(readonlyRootfs, bytes, sysctls, ulimits, additionalGids, oomScoreAdj, devices, logMaxSize, logMaxFiles);
  }

  public RuntimeOptions withSysctls(Map<String, String> params) {
    return new RuntimeOptions(readonlyRootfs, shmSize, params, ulimits, additionalGids, oomScoreAdj, devices, logMaxSize, logMaxFiles);
  }

  public RuntimeOptions withUlimits(List<Ulimit> limits) {
    return new RuntimeOptions(readonlyRootfs, shmSize, sysctls, limits, additionalGids, oomScoreAdj, devices, logMaxSize, logMaxFiles);
  }

  public RuntimeOptions withAdditionalGids(List<Integer> gids) {
    return new RuntimeOptions(readonlyRootfs, shmSize, sysctls, ulimits, gids, oomScoreAdj, devices, logMaxSize, logMaxFiles);
  }

  public RuntimeOptions withOomScoreAdj(Integer adj) {
    return new RuntimeOptions(readonlyRootfs, shmSize, sysctls, ulimits, additionalGids, adj, devices, logMaxSize, logMaxFiles);
  }

  public RuntimeOptions withDevices(List<Device> list) {
    return new RuntimeOptions(readonlyRootfs, shmSize, sysctls, ulimits, additionalGids, oomScoreAdj, list, logMaxSize, logMaxFiles);
  }

  /** json-file rotation: before the log grows past {@code maxSize} bytes it is renamed, keeping {@code maxFiles} files in all. */
  public RuntimeOptions withLogRotation(long maxSize, int maxFiles) {
    return new RuntimeOptions(readonlyRootfs, shmSize, sysctls, ulimits, additionalGids, oomScoreAdj, devices, maxSize, maxFiles);
  }

  /**
   * Refuses what Docker refuses: a kernel parameter that is not namespaced (it would change the
   * host), and {@code net.*} when the container has no network namespace of its own.
   *
   * @param ownNetwork the container has its own network namespace (not {@code network_mode: host} or {@code container:X})
   * @throws IllegalArgumentException naming the parameter
   */
  public static void checkSysctls(Map<String, String> sysctls, boolean ownNetwork) {
    for (Map.Entry<String, String> e : sysctls.entrySet()) {
      String name = e.getKey();
      if (!SYSCTL_NAME.matcher(name).matches()) {
        throw new IllegalArgumentException("sysctl \"" + name + "\" is not a kernel parameter name (dot-separated, e.g. net.ipv4.ip_forward)");
      }
      if (e.getValue() == null || e.getValue().indexOf('\n') >= 0) {
        throw new IllegalArgumentException("sysctl \"" + name + "\" needs a one-line value");
      }
      boolean net = name.startsWith("net.");
      if (!net && !isIpcSysctl(name) && !name.startsWith("fs.mqueue.")) {
        throw new IllegalArgumentException("sysctl \"" + name + "\" is not in a separate kernel namespace, so a container cannot set it;"
            + " allowed: net.*, kernel.shm*, kernel.msg*, kernel.sem and fs.mqueue.*");
      }
      if (net && !ownNetwork) {
        throw new IllegalArgumentException("sysctl \"" + name + "\" is not allowed without a network namespace of the container's own"
            + " (network mode host, or another container's)");
      }
    }
  }

  /** The IPC namespace's parameters, as runc allows them: kernel.msg*, kernel.shm*, kernel.sem. */
  private static boolean isIpcSysctl(String name) {
    return name.startsWith("kernel.msg") || name.startsWith("kernel.shm") || name.equals("kernel.sem");
  }

  /** {@code net.ipv4.ip_forward} as its path below /proc/sys: {@code net/ipv4/ip_forward}. */
  static String sysctlPath(String name) {
    return name.replace('.', '/');
  }
}
