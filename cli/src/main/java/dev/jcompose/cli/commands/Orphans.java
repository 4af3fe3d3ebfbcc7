package dev.jcompose.cli.commands;

import dev.jcompose.api.client.EngineClient;
import dev.jcompose.api.model.ContainerSummary;
import dev.jcompose.cli.compose.ComposeLabels;
import dev.jcompose.cli.compose.ProjectContainers;
import dev.jcompose.cli.output.Progress;
import dev.jcompose.compose.model.Project;
import java.util.List;

/** Containers of the project whose service is no longer in the Compose file: warned about, or removed on request. */
final class Orphans {
  private Orphans() {}

  static List<ContainerSummary> of(EngineClient engine, Project p) {
    return ProjectContainers.of(engine, p.name(), List.of(), true).stream()
        .filter(c -> !p.serviceNames().contains(c.labels().get(ComposeLabels.SERVICE)))
        .toList();
  }

  static void handle(EngineClient engine, Progress progress, Project p, boolean remove) {
    List<ContainerSummary> orphans = of(engine, p);
    if (orphans.isEmpty()) {
      return;
    }
    if (!remove) {
      progress.warn("Found orphan containers (" + String.join(", ", orphans.stream().map(ContainerSummary::name).toList())
          + ") for this project. If you removed or renamed this service in your compose file, you can run this command with the "
          + "--remove-orphans flag to clean it up.");
      return;
    }
    for (ContainerSummary c : orphans) {
      progress.working("Container", c.name(), "Removing");
      if ("running".equals(c.state())) {
        engine.stopContainer(c.id(), null);
      }
      engine.removeContainer(c.id(), true, false);
      progress.done("Container", c.name(), "Removed");
    }
  }
}
