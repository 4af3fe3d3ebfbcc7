package dev.jcompose.cli.commands;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.jcompose.api.model.ContainerSummary;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class StatsCommandTest {
  private static ContainerSummary container() {
    return new ContainerSummary("abc", List.of("/p-web-1"), "busybox", "sha256:1", "sh", 0L, "running", "Up", List.of(), Map.of(), null);
  }

  @Test
  void row_cpuAndMemory_asTheDockerCliComputesThem() throws Exception {
    var stats = new ObjectMapper().readTree("""
        {"cpu_stats": {"cpu_usage": {"total_usage": 1500000000}, "system_cpu_usage": 20000000000, "online_cpus": 2},
         "precpu_stats": {"cpu_usage": {"total_usage": 1000000000}, "system_cpu_usage": 18000000000, "online_cpus": 2},
         "memory_stats": {"usage": 3000, "limit": 10000, "stats": {"total_inactive_file": 1000}},
         "pids_stats": {"current": 4}}
        """);
    StatsCommand.Row r = StatsCommand.Row.of(container(), stats);
    assertEquals(50.0, r.cpuPercent(), 1e-9, "0.5 s of CPU over 2 s of both CPUs' time, times 2 CPUs");
    assertEquals(2000, r.memory(), "usage without the reclaimable page cache");
    assertEquals(20.0, r.memPercent(), 1e-9);
    assertEquals(4, r.pids());
  }

  @Test
  void row_stoppedContainer_isZeros() throws Exception {
    var stats = new ObjectMapper().readTree("{\"cpu_stats\": {}, \"precpu_stats\": {}, \"memory_stats\": {}, \"pids_stats\": {}}");
    StatsCommand.Row r = StatsCommand.Row.of(container(), stats);
    assertEquals(0.0, r.cpuPercent());
    assertEquals(0, r.memory());
    assertEquals(0.0, r.memPercent());
  }
}
