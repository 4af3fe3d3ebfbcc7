package dev.jcompose.runtime;

import dev.jcompose.runtime.cgroup.CgroupLimits;
import java.util.List;

/**
 * A container's resource limits, as Docker's HostConfig names them ({@code Memory},
 * {@code PidsLimit}, {@code CpuQuota}, {@code CpuPeriod}, {@code CpuShares}, {@code CpusetCpus},
 * {@code CpusetMems}, {@code MemoryReservation}, {@code MemorySwap}); 0 or "" means unset,
 * {@code memorySwap} -1 unlimited swap. Docker's checks between them are made here.
 */
public record Resources(long memoryBytes, long pidsLimit, long cpuQuotaMicros, long cpuPeriodMicros, long cpuShares,
    String cpusetCpus, String cpusetMems, long memoryReservation, long memorySwap) {
  public static final Resources NONE = new Resources(0, 0, 0, 0, 0);

  public Resources {
    cpusetCpus = cpusetCpus == null ? "" : cpusetCpus;
    cpusetMems = cpusetMems == null ? "" : cpusetMems;
    // rejects negative values and malformed cpusets
    new CgroupLimits(memoryBytes, pidsLimit, cpuQuotaMicros, cpuPeriodMicros, cpuShares, cpusetCpus, cpusetMems, memoryReservation,
        memorySwap, List.of());
    // Docker's checks (daemon/daemon_unix.go verifyPlatformContainerResources), with its words
    if (memorySwap > 0 && memoryBytes == 0) {
      throw new IllegalArgumentException("You should always set the Memory limit when using Memoryswap limit, see usage"
          + " (memswap_limit " + memorySwap + " needs mem_limit)");
    }
    if (memorySwap > 0 && memorySwap < memoryBytes) {
      throw new IllegalArgumentException("Minimum memoryswap limit should be larger than memory limit, see usage"
          + " (memswap_limit " + memorySwap + " < mem_limit " + memoryBytes + "; memswap_limit counts memory plus swap)");
    }
    if (memoryReservation > 0 && memoryBytes > 0 && memoryBytes < memoryReservation) {
      throw new IllegalArgumentException("Minimum memory limit can not be less than memory reservation limit, see usage"
          + " (mem_limit " + memoryBytes + " < mem_reservation " + memoryReservation + ")");
    }
  }

  public Resources(long memoryBytes, long pidsLimit, long cpuQuotaMicros, long cpuPeriodMicros, long cpuShares) {
    this(memoryBytes, pidsLimit, cpuQuotaMicros, cpuPeriodMicros, cpuShares, "", "", 0, 0);
  }

  public Resources withMemoryBytes(long bytes) {
    return new Resources(bytes, pidsLimit, cpuQuotaMicros, cpuPeriodMicros, cpuShares, cpusetCpus, cpusetMems, memoryReservation, memorySwap);
  }

  public Resources withPidsLimit(long pids) {
    return new Resources(memoryBytes, pids, cpuQuotaMicros, cpuPeriodMicros, cpuShares, cpusetCpus, cpusetMems, memoryReservation, memorySwap);
  }

  public Resources withCpuQuota(long quotaMicros, long periodMicros) {
    return new Resources(memoryBytes, pidsLimit, quotaMicros, periodMicros, cpuShares, cpusetCpus, cpusetMems, memoryReservation, memorySwap);
  }

  public Resources withCpuShares(long shares) {
    return new Resources(memoryBytes, pidsLimit, cpuQuotaMicros, cpuPeriodMicros, shares, cpusetCpus, cpusetMems, memoryReservation, memorySwap);
  }

  /** CpusetCpus and CpusetMems ("" for the engine's own). */
  public Resources withCpuset(String cpus, String mems) {
    return new Resources(memoryBytes, pidsLimit, cpuQuotaMicros, cpuPeriodMicros, cpuShares, cpus, mems, memoryReservation, memorySwap);
  }

  /** MemoryReservation (soft limit) and MemorySwap (memory plus swap; -1 unlimited), in bytes. */
  public Resources withMemoryReservationAndSwap(long reservation, long swap) {
    return new Resources(memoryBytes, pidsLimit, cpuQuotaMicros, cpuPeriodMicros, cpuShares, cpusetCpus, cpusetMems, reservation, swap);
  }

  CgroupLimits toCgroupLimits(List<String> deviceRules) {
    return new CgroupLimits(memoryBytes, pidsLimit, cpuQuotaMicros, cpuPeriodMicros, cpuShares, cpusetCpus, cpusetMems,
        memoryReservation, memorySwap, deviceRules);
  }

  CgroupLimits toCgroupLimits() {
    return toCgroupLimits(List.of());
  }
}
