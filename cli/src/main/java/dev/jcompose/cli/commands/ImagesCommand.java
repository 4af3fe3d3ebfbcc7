package dev.jcompose.cli.commands;

import dev.jcompose.api.client.EngineApiException;
import dev.jcompose.api.client.EngineClient;
import dev.jcompose.api.model.ContainerSummary;
import dev.jcompose.api.model.ImageInspect;
import dev.jcompose.cli.Main;
import dev.jcompose.cli.compose.ComposeLabels;
import dev.jcompose.cli.compose.ProjectLoading;
import dev.jcompose.cli.engine.EngineStarter;
import dev.jcompose.cli.output.Table;
import dev.jcompose.compose.model.Project;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code jcompose images [SERVICE...]}: the images the project's containers use, as {@code docker compose images}. */
@Command(name = "images", description = "List images used by the created containers")
public final class ImagesCommand implements Runnable {
  @ParentCommand
  Main main;

  @Option(names = {"-q", "--quiet"}, description = "Only display IDs")
  boolean quiet;

  @Parameters(description = "Services (default: all)")
  List<String> services = new ArrayList<>();

  @Override
  public void run() {
    Project project = ProjectLoading.load(main.global, services);
    EngineClient engine = new EngineStarter(main.global.engineLocation()).connect();
    Table t = new Table("CONTAINER", "REPOSITORY", "TAG", "IMAGE ID", "SIZE");
    List<String> ids = new ArrayList<>();
    for (ContainerSummary c : engine.listContainers(true, List.of(ComposeLabels.project(project.name())))) {
      String service = c.labels() == null ? null : c.labels().get(ComposeLabels.SERVICE);
      if (!services.isEmpty() && !services.contains(service)) {
        continue;
      }
      String id = c.imageId() == null ? "" : c.imageId().replace("sha256:", "");
      String shortId = id.length() >= 12 ? id.substring(0, 12) : id;
      if (quiet) {
        if (!ids.contains(id)) {
          ids.add(id);
          System.out.println(shortId);
        }
        continue;
      }
      String repo = c.image();
      String tag = "latest";
      int colon = repo.lastIndexOf(':');
      if (colon > repo.lastIndexOf('/')) {
        tag = repo.substring(colon + 1);
        repo = repo.substring(0, colon);
      }
      String size = "";
      try {
        ImageInspect image = engine.inspectImage(c.imageId());
        size = Sizes.human(image.size());
      } catch (EngineApiException e) {
        if (!e.isNotFound()) {
          throw e;
        }
        repo = "<none>";
        tag = "<none>";
      }
      t.row(c.name(), repo, tag, shortId, size);
    }
    if (!quiet) {
      System.out.print(t.render());
    }
  }
}
