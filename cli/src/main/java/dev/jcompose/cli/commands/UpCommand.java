package dev.jcompose.cli.commands;

import dev.jcompose.api.client.EngineApiException;
import dev.jcompose.api.client.EngineClient;
import dev.jcompose.cli.UserFacingException;
import dev.jcompose.api.model.ContainerSummary;
import dev.jcompose.cli.GlobalOptions;
import dev.jcompose.cli.compose.ComposeLabels;
import dev.jcompose.cli.compose.ProjectLoading;
import dev.jcompose.cli.compose.ProjectResources;
import dev.jcompose.cli.compose.ServiceConverger;
import dev.jcompose.cli.compose.ServiceTasks;
import dev.jcompose.cli.engine.EngineStarter;
import dev.jcompose.cli.output.LogPrinter;
import dev.jcompose.cli.output.Progress;
import dev.jcompose.compose.model.Project;
import dev.jcompose.compose.model.ServiceConfig;
import dev.jcompose.scheduler.ServiceGraph;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import picocli.CommandLine.Command;
import dev.jcompose.cli.Main;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code jcompose up}: create and start the project's containers, in dependency order. */
@Command(name = "up", description = "Create and start containers")
public final class UpCommand implements Runnable {
  @ParentCommand
  Main main;

  @Option(names = {"-d", "--detach"}, description = "Detached mode: run containers in the background")
  boolean detach;

  @Option(names = "--no-deps", description = "Don't start linked services")
  boolean noDeps;

  @Option(names = {"-t", "--timeout"}, description = "Shutdown timeout in seconds when attached and stopped (Ctrl-C)")
  Integer timeout;

  @Parameters(description = "Services")
  List<String> services = new ArrayList<>();

  private GlobalOptions global() {
    return main.global;
  }

  @Override
  public void run() {
    Project project = ProjectLoading.load(global(), services);
    ServiceGraph graph = ServiceGraph.of(project);
    Set<String> selected = graph.selectForUp(services, noDeps);
    List<ServiceConfig> configs = project.services().stream().filter(s -> selected.contains(s.name())).toList();
    EngineClient engine = new EngineStarter(global().engineLocation()).connect();
    Progress progress = new Progress(System.out);
    ProjectResources resources = new ProjectResources(engine, progress);
    resources.ensureNetworks(project, configs);
    resources.ensureVolumes(project, configs);
    ServiceConverger converger = new ServiceConverger(engine, progress);
    try {
      ServiceTasks.inDependencyOrder(graph, selected, s -> converger.converge(project, project.service(s).orElseThrow()));
    } catch (RuntimeException e) {
      String why = e instanceof EngineApiException ? "Error response from engine: " + e.getMessage() : e.getMessage();
      throw new UserFacingException(why + "\nThe project is partly up: what was created is kept, `jcompose down` removes it.", e);
    }
    if (!detach) {
      attach(engine, project, selected);
    }
  }

  /** Without -d: follow the logs until every container stops, and stop them all on Ctrl-C. */
  private void attach(EngineClient engine, Project project, Set<String> selected) {
    List<ContainerSummary> containers = engine.listContainers(true, List.of(ComposeLabels.project(project.name()))).stream()
        .filter(c -> selected.contains(c.labels().get(ComposeLabels.SERVICE)))
        .sorted(Comparator.comparing(ContainerSummary::name)).toList();
    Thread stopper = new Thread(() -> {
      System.out.println("Gracefully stopping... (press Ctrl+C again to force)");
      for (ContainerSummary c : containers) {
        try {
          engine.stopContainer(c.id(), timeout);
        } catch (RuntimeException e) {
          System.err.println("could not stop " + c.name() + ": " + e.getMessage());
        }
      }
    });
    Runtime.getRuntime().addShutdownHook(stopper);
    System.out.println("Attaching to " + String.join(", ", containers.stream().map(ContainerSummary::name).toList()));
    new LogPrinter(engine, System.out, true).print(containers, true, "all", false);
    Runtime.getRuntime().removeShutdownHook(stopper);
  }
}
