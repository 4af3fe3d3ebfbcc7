package dev.jcompose.engine.containers;

import dev.jcompose.engine.http.ApiException;
import dev.jcompose.engine.http.ApiResponse;
import dev.jcompose.engine.http.JsonLines;
import dev.jcompose.runtime.ContainerRuntime;
import dev.jcompose.runtime.ContainerStateException;
import dev.jcompose.runtime.cgroup.CgroupStats;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code GET /containers/{id}/stats}: a container's CPU, memory and process count from its
 * cgroup, in Docker's shape ({@code cpu_stats} and {@code precpu_stats} with the host's
 * {@code system_cpu_usage}, so a client computes CPU % as docker does); {@code stream=false}
 * answers once, else a sample every second until the client goes.
 */
public final class ContainerStats {
  private static final long SAMPLE_GAP_MILLIS = 1000;
  private final ContainerService containers;
  private final ContainerRuntime runtime;

  public ContainerStats(ContainerService containers, ContainerRuntime runtime) {
    this.containers = containers;
    this.runtime = runtime;
  }

  public ApiResponse stats(String idOrName, boolean stream) {
    Container c = containers.require(idOrName);
    Sample first = sample(c);
    if (!stream) {
      sleep(200);
      return ApiResponse.ok(json(c, first, sample(c)));
    }
    return new ApiResponse.Streaming(200, "application/json", out -> {
      Sample previous = first;
      while (true) {
        sleep(SAMPLE_GAP_MILLIS);
        Sample now = sample(c);
        JsonLines.write(out, json(c, previous, now), "stats");
        previous = now;
        if (!c.record().state().isRunning()) {
          return;
        }
      }
    });
  }

  /** One reading; a container that is not running reads as zeros, as dockerd reports it. */
  private Sample sample(Container c) {
    CgroupStats s = new CgroupStats(0, 0, 0, 0, 0);
    if (c.record().state().isRunning()) {
      try {
        s = runtime.stats(c.stateDir());
      } catch (ContainerStateException e) {
        // it stopped between the check and the read: zeros
      }
    }
    return new Sample(Instant.now(), s, systemCpuNanos());
  }

  private Map<String, Object> json(Container c, Sample pre, Sample now) {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("read", now.time().toString());
    out.put("preread", pre.time().toString());
    out.put("id", c.record().id());
    out.put("name", "/" + c.record().name());
    out.put("pids_stats", Map.of("current", now.stats().pids()));
    out.put("cpu_stats", cpu(now));
    out.put("precpu_stats", cpu(pre));
    long limit = now.stats().memoryLimit() > 0 ? now.stats().memoryLimit() : hostMemory();
    out.put("memory_stats", Map.of("usage", now.stats().memoryUsage(), "limit", limit,
        "stats", Map.of("total_inactive_file", now.stats().memoryCache(), "inactive_file", now.stats().memoryCache())));
    return out;
  }

  private static Map<String, Object> cpu(Sample s) {
    return Map.of("cpu_usage", Map.of("total_usage", s.stats().cpuUsageNanos()), "system_cpu_usage", s.systemCpuNanos(),
        "online_cpus", Runtime.getRuntime().availableProcessors());
  }

  /** All CPUs' time since boot in nanoseconds, from /proc/stat's first line (in USER_HZ = 100 ticks a second). */
  static long systemCpuNanos() {
    try {
      String first = Files.readAllLines(Path.of("/proc/stat")).get(0);
      long ticks = 0;
      String[] f = first.trim().split("\\s+");
      for (int i = 1; i < Math.min(f.length, 9); i++) { // user nice system idle iowait irq softirq steal
        ticks += Long.parseLong(f[i]);
      }
      return ticks * 10_000_000L;
    } catch (IOException | RuntimeException e) {
      return 0;
    }
  }

  private static long hostMemory() {
    try {
      for (String line : Files.readAllLines(Path.of("/proc/meminfo"))) {
        if (line.startsWith("MemTotal:")) {
          return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
        }
      }
    } catch (IOException | NumberFormatException e) {
      // unknown: no limit shown
    }
    return 0;
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ApiException(500, "interrupted while sampling stats", e);
    }
  }

  private record Sample(Instant time, CgroupStats stats, long systemCpuNanos) {}
}
