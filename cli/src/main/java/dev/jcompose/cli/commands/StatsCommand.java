package dev.jcompose.cli.commands;

import com.fasterxml.jackson.databind.JsonNode;
import dev.jcompose.api.client.EngineClient;
import dev.jcompose.api.model.ContainerSummary;
import dev.jcompose.cli.output.Table;
import dev.jcompose.compose.model.Project;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code jcompose stats}: CPU, memory and processes of the project's containers, as {@code docker compose stats}. */
@Command(name = "stats", description = "Display a live stream of container resource usage statistics")
public final class StatsCommand extends ProjectCommand {
  @Option(names = "--no-stream", description = "Disable streaming stats and only pull the first result")
  boolean noStream;

  @Option(names = {"-a", "--all"}, description = "Show all containers (default shows just running)")
  boolean all;

  @Option(names = "--format", paramLabel = "FORMAT", description = "table (default) or json")
  String format = "table";

  @Parameters(description = "Services")
  List<String> services = new ArrayList<>();

  @Override
  public void run() {
    Project p = project(services);
    EngineClient engine = engine();
    boolean tty = System.console() != null;
    while (true) {
      List<Row> rows = new ArrayList<>();
      for (ContainerSummary c : containers(engine, p, services, all)) {
        try {
          rows.add(Row.of(c, engine.containerStats(c.id())));
        } catch (RuntimeException e) {
          // it went away between the list and the sample
        }
      }
      if (!noStream && tty) {
        System.out.print("\033[2J\033[H");
      }
      System.out.print(render(rows));
      System.out.flush();
      if (noStream) {
        return;
      }
      try {
        Thread.sleep(1000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }

  private String render(List<Row> rows) {
    if (format.equals("json")) {
      StringBuilder sb = new StringBuilder();
      for (Row r : rows) {
        Map<String, Object> o = new LinkedHashMap<>();
        o.put("ID", r.id());
        o.put("Name", r.name());
        o.put("CPUPerc", String.format(Locale.ROOT, "%.2f%%", r.cpuPercent()));
        o.put("MemUsage", Sizes.human(r.memory()) + " / " + Sizes.human(r.limit()));
        o.put("MemPerc", String.format(Locale.ROOT, "%.2f%%", r.memPercent()));
        o.put("PIDs", Long.toString(r.pids()));
        try {
          sb.append(dev.jcompose.api.model.Json.mapper().writeValueAsString(o)).append('\n');
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
          throw new IllegalStateException(e);
        }
      }
      return sb.toString();
    }
    Table t = new Table("CONTAINER ID", "NAME", "CPU %", "MEM USAGE / LIMIT", "MEM %", "PIDS");
    for (Row r : rows) {
      t.row(r.id().substring(0, 12), r.name(), String.format(Locale.ROOT, "%.2f%%", r.cpuPercent()),
          Sizes.human(r.memory()) + " / " + Sizes.human(r.limit()), String.format(Locale.ROOT, "%.2f%%", r.memPercent()),
          Long.toString(r.pids()));
    }
    return t.render();
  }

  /** One container's sample, computed as the docker CLI computes it. */
  record Row(String id, String name, double cpuPercent, long memory, long limit, double memPercent, long pids) {
    static Row of(ContainerSummary c, JsonNode s) {
      long cpu = s.path("cpu_stats").path("cpu_usage").path("total_usage").asLong();
      long preCpu = s.path("precpu_stats").path("cpu_usage").path("total_usage").asLong();
      long system = s.path("cpu_stats").path("system_cpu_usage").asLong();
      long preSystem = s.path("precpu_stats").path("system_cpu_usage").asLong();
      int cpus = Math.max(1, s.path("cpu_stats").path("online_cpus").asInt(1));
      double cpuPercent = system > preSystem && cpu >= preCpu ? (double) (cpu - preCpu) / (system - preSystem) * cpus * 100.0 : 0;
      JsonNode m = s.path("memory_stats");
      long used = Math.max(0, m.path("usage").asLong() - m.path("stats").path("total_inactive_file").asLong());
      long limit = m.path("limit").asLong();
      return new Row(c.id(), c.name(), cpuPercent, used, limit, limit > 0 ? 100.0 * used / limit : 0, s.path("pids_stats").path("current").asLong());
    }
  }
}
