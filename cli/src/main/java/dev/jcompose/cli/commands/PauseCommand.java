package dev.jcompose.cli.commands;

import dev.jcompose.api.client.EngineClient;
import dev.jcompose.api.model.ContainerSummary;
import dev.jcompose.cli.compose.ServiceTasks;
import dev.jcompose.cli.output.Progress;
import dev.jcompose.compose.model.Project;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/**
 * {@code jcompose pause}: freeze the services' running containers. As Compose v2, every running
 * container of the selected services is paused (one already paused is the engine's error).
 */
@Command(name = "pause", description = "Pause services")
public final class PauseCommand extends ProjectCommand {
  @Parameters(description = "Services")
  List<String> services = new ArrayList<>();

  @Override
  public void run() {
    Project p = project(services);
    EngineClient engine = engine();
    Progress progress = progress();
    ServiceTasks.inParallel(running(engine, p, services), c -> {
      engine.pauseContainer(c.id());
      progress.done("Container", c.name(), "Paused");
    });
  }

  /** The running (and paused) containers of {@code services}, all of the project's when none is named. */
  static List<ContainerSummary> running(EngineClient engine, Project p, List<String> services) {
    List<ContainerSummary> out = new ArrayList<>(containers(engine, p, services.isEmpty() ? p.serviceNames() : services, false));
    out.sort(Comparator.comparing(ContainerSummary::name));
    return out;
  }
}
