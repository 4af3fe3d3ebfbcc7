package dev.jcompose.cli.commands;

import dev.jcompose.api.client.EngineClient;
import dev.jcompose.api.model.ContainerSummary;
import dev.jcompose.cli.GlobalOptions;
import dev.jcompose.cli.Main;
import dev.jcompose.cli.compose.ProjectContainers;
import dev.jcompose.cli.compose.ProjectLoading;
import dev.jcompose.cli.engine.EngineStarter;
import dev.jcompose.cli.output.Progress;
import dev.jcompose.compose.model.Project;
import dev.jcompose.scheduler.ServiceGraph;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import picocli.CommandLine.ParentCommand;

/** What the commands acting on a project's services share: the global options, the project, the engine. */
abstract class ProjectCommand implements Runnable {
  @ParentCommand
  Main main;

  GlobalOptions global() {
    return main.global;
  }

  Project project(Collection<String> services) {
    return ProjectLoading.load(global(), services);
  }

  EngineClient engine() {
    return new EngineStarter(global().engineLocation()).connect();
  }

  Progress progress() {
    return global().progress(System.out);
  }

  static List<ContainerSummary> containers(EngineClient engine, Project p, Collection<String> services, boolean all) {
    return ProjectContainers.of(engine, p.name(), services, all);
  }

  /** The named services, or all of the project's when none is named. */
  static Set<String> selected(Project p, Collection<String> services) {
    return services.isEmpty() ? new java.util.LinkedHashSet<>(p.serviceNames()) : new java.util.LinkedHashSet<>(services);
  }

  static ServiceGraph graph(Project p) {
    return ServiceGraph.of(p);
  }
}
