package dev.jcompose.runtime.cgroup;

/**
 * Resource limits of one container's cgroup; 0 leaves a limit unset. {@code cpuShares} is the
 * v1 value (2-262144, Docker's {@code --cpu-shares}); v2 converts it to {@code cpu.weight}.
 */
public record CgroupLimits(long memoryBytes, long pidsLimit, long cpuQuotaMicros, long cpuPeriodMicros, long cpuShares) {
  public static final CgroupLimits NONE = new CgroupLimits(0, 0, 0, 0, 0);

  public CgroupLimits {
    check("memoryBytes", memoryBytes);
    check("pidsLimit", pidsLimit);
    check("cpuQuotaMicros", cpuQuotaMicros);
    check("cpuPeriodMicros", cpuPeriodMicros);
    check("cpuShares", cpuShares);
  }

  private static void check(String name, long value) {
    if (value < 0) {
      throw new IllegalArgumentException(name + " is " + value + "; use a positive value, or 0 for no limit");
    }
  }
}
