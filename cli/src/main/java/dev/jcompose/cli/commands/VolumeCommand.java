package dev.jcompose.cli.commands;

import dev.jcompose.api.client.EngineClient;
import dev.jcompose.api.model.Json;
import dev.jcompose.api.model.Volume;
import dev.jcompose.cli.GlobalOptions;
import dev.jcompose.cli.Main;
import dev.jcompose.cli.compose.ComposeLabels;
import dev.jcompose.cli.compose.ProjectLoading;
import dev.jcompose.cli.engine.EngineStarter;
import dev.jcompose.cli.output.Table;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code jcompose volume ls|inspect|rm|prune}: the engine's volumes (with {@code --project}, only the project's). */
@Command(name = "volume", description = "Manage volumes",
    subcommands = {VolumeCommand.Ls.class, VolumeCommand.Inspect.class, VolumeCommand.Rm.class, VolumeCommand.Prune.class})
public final class VolumeCommand implements Runnable {
  @ParentCommand
  Main main;

  @Override
  public void run() {
    new picocli.CommandLine(this).usage(System.out);
  }

  EngineClient engine() {
    return new EngineStarter(main.global.engineLocation()).connect();
  }

  /** The project-label filter when {@code --project} is given: the project of the current Compose file. */
  List<String> projectFilter(boolean project) {
    if (!project) {
      return List.of();
    }
    GlobalOptions g = main.global;
    return List.of(ComposeLabels.project(ProjectLoading.load(g, List.of()).name()));
  }

  /** {@code volume ls}. */
  @Command(name = "ls", aliases = "list", description = "List volumes")
  public static final class Ls implements Runnable {
    @ParentCommand
    VolumeCommand parent;

    @Option(names = {"-q", "--quiet"}, description = "Only display volume names")
    boolean quiet;

    @Option(names = "--project", description = "Only the volumes of the current Compose project")
    boolean project;

    @Override
    public void run() {
      List<Volume> volumes = parent.engine().listVolumes(parent.projectFilter(project));
      if (quiet) {
        volumes.forEach(v -> System.out.println(v.name()));
        return;
      }
      Table t = new Table("DRIVER", "VOLUME NAME");
      volumes.forEach(v -> t.row(v.driver(), v.name()));
      System.out.print(t.render());
    }
  }

  /** {@code volume inspect NAME...}: Docker's JSON. */
  @Command(name = "inspect", description = "Display detailed information on one or more volumes")
  public static final class Inspect implements Runnable {
    @ParentCommand
    VolumeCommand parent;

    @Parameters(arity = "1..*", description = "Volume names")
    List<String> names = new ArrayList<>();

    @Override
    public void run() {
      EngineClient engine = parent.engine();
      List<Volume> out = new ArrayList<>();
      names.forEach(n -> out.add(engine.inspectVolume(n)));
      try {
        System.out.println(Json.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(out));
      } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
        throw new IllegalStateException("cannot print the volumes as JSON", e);
      }
    }
  }

  /** {@code volume rm NAME...}: refused for a volume a container uses, with that container's name. */
  @Command(name = "rm", aliases = "remove", description = "Remove one or more volumes")
  public static final class Rm implements Runnable {
    @ParentCommand
    VolumeCommand parent;

    @Option(names = {"-f", "--force"}, description = "Do not fail when a volume does not exist")
    boolean force;

    @Parameters(arity = "1..*", description = "Volume names")
    List<String> names = new ArrayList<>();

    @Override
    public void run() {
      EngineClient engine = parent.engine();
      for (String n : names) {
        engine.removeVolume(n, force);
        System.out.println(n);
      }
    }
  }

  /** {@code volume prune}: removes the volumes no container uses. */
  @Command(name = "prune", description = "Remove unused volumes")
  public static final class Prune implements Runnable {
    @ParentCommand
    VolumeCommand parent;

    @Option(names = {"-f", "--force"}, description = "Do not prompt for confirmation (jcompose never prompts)")
    boolean force;

    @Option(names = "--project", description = "Only the volumes of the current Compose project")
    boolean project;

    @Override
    public void run() {
      List<String> deleted = parent.engine().pruneVolumes(parent.projectFilter(project));
      if (!deleted.isEmpty()) {
        System.out.println("Deleted Volumes:");
        deleted.forEach(System.out::println);
      }
      System.out.println("Total: " + deleted.size() + " volume(s) removed");
    }
  }
}
