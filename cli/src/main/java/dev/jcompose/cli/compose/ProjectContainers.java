package dev.jcompose.cli.compose;

import dev.jcompose.api.client.EngineClient;
import dev.jcompose.api.model.ContainerSummary;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;

/** The containers a project owns, found by their labels (never by name), optionally only some services'. */
public final class ProjectContainers {
  private ProjectContainers() {}

  public static List<ContainerSummary> of(EngineClient engine, String project, Collection<String> services, boolean all) {
    return engine.listContainers(all, List.of(ComposeLabels.project(project))).stream()
        .filter(c -> !"True".equals(c.labels().get(ComposeLabels.ONEOFF)))
        .filter(c -> services.isEmpty() || services.contains(c.labels().get(ComposeLabels.SERVICE)))
        .sorted(Comparator.comparing(ContainerSummary::name))
        .toList();
  }

  public static String service(ContainerSummary c) {
    return c.labels().get(ComposeLabels.SERVICE);
  }
}
