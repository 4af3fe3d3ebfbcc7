package dev.jcompose.cli.commands;

import dev.jcompose.api.client.EngineApiException;
import dev.jcompose.api.client.EngineClient;
import dev.jcompose.cli.UserFacingException;
import dev.jcompose.api.model.ContainerSummary;
import dev.jcompose.cli.GlobalOptions;
import dev.jcompose.cli.compose.ComposeLabels;
import dev.jcompose.cli.compose.ProjectLoading;
import dev.jcompose.cli.engine.EngineStarter;
import dev.jcompose.cli.output.LogPrinter;
import dev.jcompose.cli.output.Progress;
import dev.jcompose.compose.model.Project;
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

  @Option(names = {"-t", "--timeout"}, description = "Shutdown timeout in seconds, when recreating or stopping (Ctrl-C)")
  Integer timeout;

  @Option(names = "--force-recreate", description = "Recreate containers even if their configuration hasn't changed")
  boolean forceRecreate;

  @Option(names = "--no-recreate", description = "If containers already exist, don't recreate them")
  boolean noRecreate;

  @Option(names = "--no-start", description = "Don't start the services after creating them")
  boolean noStart;

  @Option(names = "--scale", description = "Scale SERVICE to NUM instances (SERVICE=NUM); overrides scale in the Compose file")
  List<String> scale = new ArrayList<>();

  @Option(names = "--remove-orphans", description = "Remove containers for services not defined in the Compose file")
  boolean removeOrphans;

  @Parameters(description = "Services")
  List<String> services = new ArrayList<>();

  private GlobalOptions global() {
    return main.global;
  }

  @Override
  public void run() {
    Project project = ProjectLoading.load(global(), services);
    EngineClient engine = new EngineStarter(global().engineLocation()).connect();
    Progress progress = new Progress(System.out);
    Orphans.handle(engine, progress, project, removeOrphans);
    Set<String> selected;
    try {
      selected = CreateCommand.converge(project, services, noDeps, engine, progress,
          CreateCommand.recreate(forceRecreate, noRecreate), scale, timeout, !noStart);
    } catch (RuntimeException e) {
      String why = e instanceof EngineApiException ? "Error response from engine: " + e.getMessage() : e.getMessage();
      throw new UserFacingException(why + "\nThe project is partly up: what was created is kept, `jcompose down` removes it.", e);
    }
    if (!detach && !noStart) {
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
