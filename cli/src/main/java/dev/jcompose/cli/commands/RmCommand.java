package dev.jcompose.cli.commands;

import dev.jcompose.api.client.EngineClient;
import dev.jcompose.api.model.ContainerSummary;
import dev.jcompose.cli.output.Progress;
import dev.jcompose.compose.model.Project;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code jcompose rm}: remove stopped service containers (with -s, stop them first). */
@Command(name = "rm", description = "Removes stopped service containers")
public final class RmCommand extends ProjectCommand {
  @Option(names = {"-f", "--force"}, description = "Don't ask to confirm removal (jcompose never asks)")
  boolean force;

  @Option(names = {"-s", "--stop"}, description = "Stop the containers, if required, before removing")
  boolean stop;

  @Option(names = {"-v", "--volumes"}, description = "Remove any anonymous volumes attached to containers")
  boolean volumes;

  @Parameters(description = "Services")
  List<String> services = new ArrayList<>();

  @Override
  public void run() {
    Project p = project(services);
    EngineClient engine = engine();
    Progress progress = progress();
    if (stop) {
      StopCommand.stop(engine, progress, p, selected(p, services), null);
    }
    List<ContainerSummary> stopped = containers(engine, p, services, true).stream()
        .filter(c -> !"running".equals(c.state()) || stop).toList();
    if (stopped.isEmpty()) {
      System.out.println("No stopped containers");
      return;
    }
    System.out.println("Going to remove " + String.join(", ", stopped.stream().map(ContainerSummary::name).toList()));
    for (ContainerSummary c : stopped) {
      progress.working("Container", c.name(), "Removing");
      engine.removeContainer(c.id(), false, volumes);
      progress.done("Container", c.name(), "Removed");
    }
  }
}
