package dev.jcompose.cli.commands;

import dev.jcompose.api.client.EngineClient;
import dev.jcompose.api.model.ContainerSummary;
import dev.jcompose.cli.compose.ServiceTasks;
import dev.jcompose.cli.output.Progress;
import dev.jcompose.compose.model.Project;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code jcompose unpause}: thaw the services' paused containers (Compose v2: each running one; one not paused is the engine's error). */
@Command(name = "unpause", description = "Unpause services")
public final class UnpauseCommand extends ProjectCommand {
  @Parameters(description = "Services")
  List<String> services = new ArrayList<>();

  @Override
  public void run() {
    Project p = project(services);
    EngineClient engine = engine();
    Progress progress = progress();
    ServiceTasks.inParallel(PauseCommand.running(engine, p, services), c -> {
      engine.unpauseContainer(c.id());
      progress.done("Container", c.name(), "Unpaused");
    });
  }
}
