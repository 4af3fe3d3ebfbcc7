package dev.jcompose.cli.commands;

import dev.jcompose.api.client.EngineClient;
import dev.jcompose.api.model.ContainerSummary;
import dev.jcompose.cli.GlobalOptions;
import dev.jcompose.cli.Main;
import dev.jcompose.cli.compose.ComposeLabels;
import dev.jcompose.cli.engine.EngineStarter;
import dev.jcompose.cli.output.Table;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** {@code jcompose ls}: the projects the engine runs, from the labels of their containers. */
@Command(name = "ls", description = "List running compose projects")
public final class LsCommand implements Runnable {
  @ParentCommand
  Main main;

  @Option(names = {"-a", "--all"}, description = "Show all stopped Compose projects")
  boolean all;

  @Option(names = {"-q", "--quiet"}, description = "Only display project names")
  boolean quiet;

  @Override
  public void run() {
    GlobalOptions g = main.global;
    EngineClient engine = new EngineStarter(g.engineLocation()).connect();
    Map<String, ProjectRow> rows = new TreeMap<>();
    for (ContainerSummary c : engine.listContainers(true, List.of(ComposeLabels.PROJECT))) {
      String name = c.labels().get(ComposeLabels.PROJECT);
      rows.computeIfAbsent(name, n -> new ProjectRow(new TreeMap<>(), c.labels().getOrDefault(ComposeLabels.CONFIG_FILES, "")))
          .states().merge(c.state(), 1, Integer::sum);
    }
    Table t = new Table("NAME", "STATUS", "CONFIG FILES");
    rows.forEach((name, row) -> {
      if (!all && !row.states().containsKey("running")) {
        return;
      }
      if (quiet) {
        System.out.println(name);
      } else {
        StringBuilder status = new StringBuilder();
        row.states().forEach((state, n) -> status.append(status.length() == 0 ? "" : ", ").append(state).append('(').append(n).append(')'));
        t.row(name, status.toString(), row.configFiles());
      }
    });
    if (!quiet) {
      System.out.print(t.render());
    }
  }

  private record ProjectRow(Map<String, Integer> states, String configFiles) {}
}
