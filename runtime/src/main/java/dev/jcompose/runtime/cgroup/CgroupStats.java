package dev.jcompose.runtime.cgroup;

/**
 * A container's resource use, read from its cgroup: memory in bytes ({@code memoryLimit} 0 when
 * there is none), CPU time used in nanoseconds since it started, and its number of processes.
 * {@code memoryCache} is the part of the usage that is reclaimable page cache (Docker's
 * {@code docker stats} shows usage minus it).
 */
public record CgroupStats(long memoryUsage, long memoryCache, long memoryLimit, long cpuUsageNanos, long pids) {}
