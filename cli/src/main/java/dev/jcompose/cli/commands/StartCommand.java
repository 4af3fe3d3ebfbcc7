package dev.jcompose.cli.commands;

import dev.jcompose.api.client.EngineClient;
import dev.jcompose.api.model.ContainerSummary;
import dev.jcompose.cli.UserFacingException;
import dev.jcompose.cli.compose.ProjectContainers;
import dev.jcompose.cli.compose.ServiceTasks;
import dev.jcompose.cli.output.Progress;
import dev.jcompose.compose.model.Project;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code jcompose start}: start existing containers, in dependency order. */
@Command(name = "start", description = "Start services")
public final class StartCommand extends ProjectCommand {
  @Parameters(description = "Services")
  List<String> services = new ArrayList<>();

  @Override
  public void run() {
    Project p = project(services);
    EngineClient engine = engine();
    Progress progress = progress();
    List<ContainerSummary> all = containers(engine, p, services, true);
    if (all.isEmpty()) {
      throw new UserFacingException("service(s) " + (services.isEmpty() ? p.serviceNames() : services)
          + " have no container to start: run `jcompose up` (or `create`) first");
    }
    ServiceTasks.inDependencyOrder(graph(p), selected(p, services), service -> {
      for (ContainerSummary c : all) {
        if (service.equals(ProjectContainers.service(c)) && !"running".equals(c.state())) {
          progress.working("Container", c.name(), "Starting");
          engine.startContainer(c.id());
          progress.done("Container", c.name(), "Started");
        }
      }
    });
  }
}
