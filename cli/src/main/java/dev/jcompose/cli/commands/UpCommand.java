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
public final class UpCommand implements java.util.concurrent.Callable<Integer> {
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

  @Option(names = {"-V", "--renew-anon-volumes"}, description = "Recreate anonymous volumes instead of retrieving data from the previous containers")
  boolean renewAnonVolumes;

  @Option(names = "--no-start", description = "Don't start the services after creating them")
  boolean noStart;

  @Option(names = "--scale", description = "Scale SERVICE to NUM instances (SERVICE=NUM); overrides scale in the Compose file")
  List<String> scale = new ArrayList<>();

  @Option(names = "--remove-orphans", description = "Remove containers for services not defined in the Compose file")
  boolean removeOrphans;

  @Option(names = "--abort-on-container-exit", description = "Stops all containers if any container was stopped. Incompatible with -d")
  boolean abortOnExit;

  @Option(names = "--exit-code-from", paramLabel = "SERVICE",
      description = "Return the exit code of the selected service container. Implies --abort-on-container-exit")
  String exitCodeFrom;

  @Option(names = "--wait", description = "Wait for services to be running. Implies detached mode")
  boolean await;

  @Option(names = "--wait-timeout", description = "Maximum duration in seconds to wait for the project to be running")
  Integer waitTimeout;

  @Option(names = "--build", description = "Build images before starting containers")
  boolean build;

  @Option(names = "--no-build", description = "Don't build an image, even if it's missing")
  boolean noBuild;

  @Option(names = "--no-color", description = "Produce monochrome output")
  boolean noColor;

  @Option(names = "--no-log-prefix", description = "Don't print prefix in logs")
  boolean noLogPrefix;

  @Parameters(description = "Services")
  List<String> services = new ArrayList<>();

  private GlobalOptions global() {
    return main.global;
  }

  /** What a failed {@code up} says about what it leaves: the project's containers and networks, if it has any. */
  private static String leftBehind(EngineClient engine, String project) {
    try {
      int containers = engine.listContainers(true, java.util.List.of(dev.jcompose.cli.compose.ComposeLabels.project(project))).size();
      int networks = engine.listNetworks(java.util.List.of(dev.jcompose.cli.compose.ComposeLabels.project(project))).size();
      if (containers == 0 && networks == 0) {
        return "\nNothing of the project was created.";
      }
      return "\nThe project is partly up (" + containers + " container" + (containers == 1 ? "" : "s") + ", " + networks + " network"
          + (networks == 1 ? "" : "s") + "): what was created is kept, `jcompose down` removes it.";
    } catch (RuntimeException e) {
      return "\nThe project may be partly up: what was created is kept, `jcompose down` removes it.";
    }
  }

  @Override
  public Integer call() {
    if (exitCodeFrom != null) {
      abortOnExit = true;
    }
    if ((abortOnExit || exitCodeFrom != null) && (detach || await)) {
      throw new UserFacingException("--abort-on-container-exit and --exit-code-from need the logs attached: they cannot be used with -d or --wait");
    }
    Project project = ProjectLoading.load(global(), services);
    EngineClient engine = new EngineStarter(global().engineLocation()).connect();
    Progress progress = main.global.progress(System.out);
    Orphans.handle(engine, progress, project, removeOrphans);
    if (build && noBuild) {
      throw new UserFacingException("--build and --no-build cannot be used together");
    }
    if (build) {
      Set<String> toBuild = dev.jcompose.scheduler.ServiceGraph.of(project).selectForUp(services, noDeps);
      new dev.jcompose.cli.compose.ImageBuilder(engine, System.out).build(project.name(),
          project.services().stream().filter(s -> toBuild.contains(s.name())).toList(), dev.jcompose.cli.compose.ImageBuilder.Options.DEFAULT);
    }
    if (noBuild) {
      project = project.withServices(project.services().stream()
          .map(s -> s.build() == null ? s : s.toBuilder().build(null).build()).toList());
    }
    Set<String> selected;
    try {
      selected = CreateCommand.converge(project, services, noDeps, engine, progress,
          CreateCommand.recreate(forceRecreate, noRecreate), scale, timeout, !noStart, renewAnonVolumes);
    } catch (RuntimeException e) {
      String why = e instanceof EngineApiException ? "Error response from engine: " + e.getMessage() : e.getMessage();
      throw new UserFacingException(why + leftBehind(engine, project.name()), e);
    }
    progress.end(); // what follows (waits, attached logs) is printed below the block
    if (exitCodeFrom != null && !selected.contains(exitCodeFrom)) {
      throw new UserFacingException("--exit-code-from " + exitCodeFrom + ": no such service in what `up` started");
    }
    if (noStart) {
      return 0;
    }
    if (await) {
      return RunningWait.await(engine, project, selected, waitTimeout);
    }
    return detach ? 0 : attach(engine, project, selected);
  }

  /**
   * Without -d: follow the logs until every container stops, and stop them all on Ctrl-C; with
   * --abort-on-container-exit, stop them all when the first one exits.
   */
  private int attach(EngineClient engine, Project project, Set<String> selected) {
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
    java.util.concurrent.atomic.AtomicBoolean aborting = new java.util.concurrent.atomic.AtomicBoolean();
    new LogPrinter(engine, System.out, !noLogPrefix, LogPrinter.colorWanted(noColor)).print(containers, true, "all", false, ended -> {
      System.out.println(ended.name() + " exited with code " + exitCode(engine, ended));
      if (abortOnExit && aborting.compareAndSet(false, true)) {
        System.out.println("Aborting on container exit...");
        stopper.run();
      }
    });
    Runtime.getRuntime().removeShutdownHook(stopper);
    if (exitCodeFrom != null) {
      return containers.stream().filter(c -> exitCodeFrom.equals(c.labels().get(ComposeLabels.SERVICE)))
          .mapToInt(c -> exitCode(engine, c)).findFirst().orElse(0);
    }
    return 0;
  }

  private static int exitCode(EngineClient engine, ContainerSummary c) {
    Integer code = engine.inspectContainer(c.id()).state().exitCode();
    return code == null ? 0 : code;
  }
}
