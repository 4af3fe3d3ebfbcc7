package dev.jcompose.cli.commands;

import dev.jcompose.api.client.EngineClient;
import dev.jcompose.api.model.ContainerSummary;
import dev.jcompose.cli.compose.ProjectContainers;
import dev.jcompose.cli.compose.ServiceTasks;
import dev.jcompose.cli.output.Progress;
import dev.jcompose.compose.model.Project;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code jcompose stop}: stop running containers, dependents first. */
@Command(name = "stop", description = "Stop services")
public final class StopCommand extends ProjectCommand {
  @Option(names = {"-t", "--timeout"}, description = "Specify a shutdown timeout in seconds")
  Integer timeout;

  @Parameters(description = "Services")
  List<String> services = new ArrayList<>();

  @Override
  public void run() {
    Project p = project(services);
    EngineClient engine = engine();
    stop(engine, progress(), p, services.isEmpty() ? selected(p, services) : graph(p).selectForStop(services), timeout);
  }

  /** Stops the running containers of {@code services} in reverse dependency order. */
  static void stop(EngineClient engine, Progress progress, Project p, Set<String> services, Integer timeout) {
    List<ContainerSummary> running = containers(engine, p, services, false);
    ServiceTasks.inReverseOrder(graph(p), services, service -> {
      for (ContainerSummary c : running) {
        if (service.equals(ProjectContainers.service(c))) {
          progress.working("Container", c.name(), "Stopping");
          engine.stopContainer(c.id(), timeout);
          progress.done("Container", c.name(), "Stopped");
        }
      }
    });
  }
}
