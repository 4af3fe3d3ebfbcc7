package dev.jcompose.runtime;

import dev.jcompose.runtime.cgroup.CgroupLimits;

/**
 * A container's resource limits, as Docker's HostConfig names them ({@code Memory},
 * {@code PidsLimit}, {@code CpuQuota}, {@code CpuPeriod}, {@code CpuShares}); 0 means unset.
 */
public record Resources(long memoryBytes, long pidsLimit, long cpuQuotaMicros, long cpuPeriodMicros, long cpuShares) {
  public static final Resources NONE = new Resources(0, 0, 0, 0, 0);

  public Resources {
    new CgroupLimits(memoryBytes, pidsLimit, cpuQuotaMicros, cpuPeriodMicros, cpuShares); // rejects negative values
  }

  public Resources withMemoryBytes(long bytes) {
    return new Resources(bytes, pidsLimit, cpuQuotaMicros, cpuPeriodMicros, cpuShares);
  }

  public Resources withPidsLimit(long pids) {
    return new Resources(memoryBytes, pids, cpuQuotaMicros, cpuPeriodMicros, cpuShares);
  }

  public Resources withCpuQuota(long quotaMicros, long periodMicros) {
    return new Resources(memoryBytes, pidsLimit, quotaMicros, periodMicros, cpuShares);
  }

  public Resources withCpuShares(long shares) {
    return new Resources(memoryBytes, pidsLimit, cpuQuotaMicros, cpuPeriodMicros, shares);
  }

  CgroupLimits toCgroupLimits() {
    return new CgroupLimits(memoryBytes, pidsLimit, cpuQuotaMicros, cpuPeriodMicros, cpuShares);
  }
}
