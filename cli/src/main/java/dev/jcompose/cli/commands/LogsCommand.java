package dev.jcompose.cli.commands;

import dev.jcompose.api.client.EngineClient;
import dev.jcompose.api.model.ContainerSummary;
import dev.jcompose.cli.GlobalOptions;
import dev.jcompose.cli.compose.ComposeLabels;
import dev.jcompose.cli.compose.ProjectLoading;
import dev.jcompose.cli.engine.EngineStarter;
import dev.jcompose.cli.output.LogPrinter;
import dev.jcompose.compose.model.Project;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import picocli.CommandLine.Command;
import dev.jcompose.cli.Main;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code jcompose logs}: the output of the project's containers, prefixed by container name. */
@Command(name = "logs", description = "View output from containers")
public final class LogsCommand implements Runnable {
  @ParentCommand
  Main main;

  @Option(names = {"-f", "--follow"}, description = "Follow log output")
  boolean follow;

  @Option(names = {"-n", "--tail"}, defaultValue = "all", description = "Number of lines to show from the end of the logs for each container")
  String tail;

  @Option(names = {"-t", "--timestamps"}, description = "Show timestamps")
  boolean timestamps;

  @Option(names = "--no-log-prefix", description = "Don't print prefix in logs")
  boolean noPrefix;

  @Option(names = "--no-color", description = "Produce monochrome output (jcompose prints no colors yet)")
  boolean noColor;

  @Parameters(description = "Services")
  List<String> services = new ArrayList<>();

  private GlobalOptions global() {
    return main.global;
  }

  @Override
  public void run() {
    Project project = ProjectLoading.load(global(), services);
    EngineClient engine = new EngineStarter(global().engineLocation()).connect();
    List<ContainerSummary> containers = engine.listContainers(true, List.of(ComposeLabels.project(project.name()))).stream()
        .filter(c -> services.isEmpty() || services.contains(c.labels().get(ComposeLabels.SERVICE)))
        .sorted(Comparator.comparing(ContainerSummary::name))
        .toList();
    new LogPrinter(engine, System.out, !noPrefix).print(containers, follow, tail, timestamps);
  }
}
