package dev.jcompose.cli.commands;

import dev.jcompose.api.client.EngineApiException;
import dev.jcompose.api.client.EngineClient;
import dev.jcompose.api.model.ContainerSummary;
import dev.jcompose.api.model.NetworkResource;
import dev.jcompose.api.model.Volume;
import dev.jcompose.cli.GlobalOptions;
import dev.jcompose.cli.compose.ComposeLabels;
import dev.jcompose.cli.compose.ProjectLoading;
import dev.jcompose.cli.compose.ServiceTasks;
import dev.jcompose.cli.engine.EngineStarter;
import dev.jcompose.cli.output.Progress;
import dev.jcompose.compose.model.NetworkConfig;
import dev.jcompose.compose.model.Project;
import dev.jcompose.compose.model.VolumeConfig;
import dev.jcompose.scheduler.ServiceGraph;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import picocli.CommandLine.Command;
import dev.jcompose.cli.Main;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Option;

/** {@code jcompose down}: stop and remove the project's containers and networks (and with -v, its volumes). */
@Command(name = "down", description = "Stop and remove containers, networks")
public final class DownCommand implements Runnable {
  @ParentCommand
  Main main;

  @Option(names = {"-v", "--volumes"}, description = "Remove named volumes declared in the volumes section and anonymous volumes attached to containers")
  boolean volumes;

  @Option(names = {"-t", "--timeout"}, description = "Specify a shutdown timeout in seconds")
  Integer timeout;

  @Option(names = "--remove-orphans", description = "Remove containers for services not defined in the Compose file")
  boolean removeOrphans;

  @Option(names = "--rmi", paramLabel = "TYPE", description = "Remove images used by services. \"local\" removes only images"
      + " that don't have a custom tag (\"local\"|\"all\")")
  String rmi;

  private GlobalOptions global() {
    return main.global;
  }

  @Override
  public void run() {
    if (rmi != null && !rmi.equals("local") && !rmi.equals("all")) {
      throw new dev.jcompose.cli.UserFacingException("invalid --rmi option \"" + rmi + "\": use \"local\" or \"all\"");
    }
    Project project = ProjectLoading.load(global(), List.of());
    EngineClient engine = new EngineStarter(global().engineLocation()).connect();
    Progress progress = main.global.progress(System.out);
    List<ContainerSummary> containers = engine.listContainers(true, List.of(ComposeLabels.project(project.name())));
    Set<String> known = new LinkedHashSet<>(project.serviceNames());
    ServiceGraph graph = ServiceGraph.of(project);
    ServiceTasks.inReverseOrder(graph, known, service -> {
      for (ContainerSummary c : containers) {
        if (service.equals(c.labels().get(ComposeLabels.SERVICE))) {
          remove(engine, progress, c);
        }
      }
    });
    Orphans.handle(engine, progress, project, removeOrphans);
    removeNetworks(engine, progress, project);
    if (volumes) {
      removeVolumes(engine, progress, project);
    }
    if (rmi != null) {
      removeImages(engine, progress, project, rmi.equals("all"));
    }
  }

  /**
   * The images of the project's services, as {@code docker compose down --rmi}: with {@code all}
   * every service's image; else only those built without an {@code image:} name ({@code project-service}).
   */
  static List<String> imagesToRemove(Project project, boolean all) {
    Set<String> out = new LinkedHashSet<>();
    for (var s : project.services()) {
      if (s.image() == null) {
        continue;
      }
      boolean local = s.build() != null && s.image().equals(dev.jcompose.cli.compose.ImageBuilder.imageName(project.name(), s.name()));
      if (all || local) {
        out.add(s.image());
      }
    }
    return new ArrayList<>(out);
  }

  private static void removeImages(EngineClient engine, Progress progress, Project project, boolean all) {
    for (String image : imagesToRemove(project, all)) {
      try {
        progress.working("Image", image, "Removing");
        engine.removeImage(image, false);
        progress.done("Image", image, "Removed");
      } catch (EngineApiException e) {
        if (e.isNotFound()) {
          continue;
        }
        progress.failed("Image", image, e.getMessage());
      }
    }
  }

  private void remove(EngineClient engine, Progress progress, ContainerSummary c) {
    try {
      if ("running".equals(c.state())) {
        progress.working("Container", c.name(), "Stopping");
        engine.stopContainer(c.id(), timeout);
        progress.done("Container", c.name(), "Stopped");
      }
      progress.working("Container", c.name(), "Removing");
      engine.removeContainer(c.id(), true, volumes);
      progress.done("Container", c.name(), "Removed");
    } catch (EngineApiException e) {
      if (!e.isNotFound()) {
        throw e;
      }
    }
  }

  private static void removeNetworks(EngineClient engine, Progress progress, Project project) {
    List<String> declared = new ArrayList<>();
    for (NetworkConfig n : project.networks().values()) {
      if (!n.external()) {
        declared.add(n.name());
      }
    }
    for (NetworkResource n : engine.listNetworks(List.of(ComposeLabels.project(project.name())))) {
      if (declared.contains(n.name())) {
        progress.working("Network", n.name(), "Removing");
        engine.removeNetwork(n.id());
        progress.done("Network", n.name(), "Removed");
      }
    }
  }

  private static void removeVolumes(EngineClient engine, Progress progress, Project project) {
    List<String> declared = new ArrayList<>();
    for (VolumeConfig v : project.volumes().values()) {
      if (!v.external()) {
        declared.add(v.name());
      }
    }
    for (Volume v : engine.listVolumes(List.of(ComposeLabels.project(project.name())))) {
      if (declared.contains(v.name())) {
        progress.working("Volume", v.name(), "Removing");
        engine.removeVolume(v.name(), false);
        progress.done("Volume", v.name(), "Removed");
      }
    }
  }
}
