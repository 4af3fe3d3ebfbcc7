package dev.jcompose.runtime.cgroup;

import java.util.List;
import java.util.regex.Pattern;

/**
 * Resource limits of one container's cgroup; 0 (or "") leaves a limit unset. {@code cpuShares} is
 * the v1 value (2-262144, Docker's {@code --cpu-shares}); v2 converts it to {@code cpu.weight}.
 *
 * @param cpusetCpus        CPUs the container may run on ({@code 0-2,4}), as cpuset.cpus takes them
 * @param cpusetMems        memory nodes ({@code 0}), as cpuset.mems takes them
 * @param memoryReservation soft limit in bytes (v1 memory.soft_limit_in_bytes, v2 memory.low)
 * @param memorySwap        memory plus swap in bytes (v1 memory.memsw.limit_in_bytes); -1 unlimited
 * @param deviceRules       devices allowed beyond the defaults, as v1 devices.allow lines ({@code c 10:229 rwm})
 */
public record CgroupLimits(long memoryBytes, long pidsLimit, long cpuQuotaMicros, long cpuPeriodMicros, long cpuShares,
    String cpusetCpus, String cpusetMems, long memoryReservation, long memorySwap, List<String> deviceRules) {
  public static final CgroupLimits NONE = new CgroupLimits(0, 0, 0, 0, 0);

  /** A cpuset list: numbers and ranges, comma-separated ({@code 0-2,4}). */
  static final Pattern CPUSET_LIST = Pattern.compile("\\d+(-\\d+)?(,\\d+(-\\d+)?)*");
  /** One v1 devices.allow line: type, major:minor (either may be *), access. */
  static final Pattern DEVICE_RULE = Pattern.compile("[abc] (\\d+|\\*):(\\d+|\\*) [rwm]{1,3}");

  public CgroupLimits {
    check("memoryBytes", memoryBytes);
    check("pidsLimit", pidsLimit);
    check("cpuQuotaMicros", cpuQuotaMicros);
    check("cpuPeriodMicros", cpuPeriodMicros);
    check("cpuShares", cpuShares);
    check("memoryReservation", memoryReservation);
    if (memorySwap < -1) {
      throw new IllegalArgumentException("memorySwap is " + memorySwap + "; use a positive value, -1 for unlimited swap, or 0 for no limit");
    }
    cpusetCpus = cpuset("cpusetCpus", cpusetCpus);
    cpusetMems = cpuset("cpusetMems", cpusetMems);
    deviceRules = deviceRules == null ? List.of() : List.copyOf(deviceRules);
    for (String rule : deviceRules) {
      if (!DEVICE_RULE.matcher(rule).matches()) {
        throw new IllegalArgumentException("device rule \"" + rule + "\" is not TYPE MAJOR:MINOR ACCESS (e.g. \"c 10:229 rwm\")");
      }
    }
  }

  public CgroupLimits(long memoryBytes, long pidsLimit, long cpuQuotaMicros, long cpuPeriodMicros, long cpuShares) {
    this(memoryBytes, pidsLimit, cpuQuotaMicros, cpuPeriodMicros, cpuShares, "", "", 0, 0, List.of());
  }

  private static void check(String name, long value) {
    if (value < 0) {
      throw new IllegalArgumentException(name + " is " + value + "; use a positive value, or 0 for no limit");
    }
  }

  private static String cpuset(String name, String value) {
    String v = value == null ? "" : value.strip();
    if (!v.isEmpty() && !CPUSET_LIST.matcher(v).matches()) {
      throw new IllegalArgumentException(name + " \"" + value + "\" is not a list of numbers and ranges such as 0-2,4");
    }
    return v;
  }
}
