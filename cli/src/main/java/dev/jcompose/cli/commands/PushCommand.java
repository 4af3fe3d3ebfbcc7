package dev.jcompose.cli.commands;

import dev.jcompose.api.client.EngineApiException;
import dev.jcompose.api.client.EngineClient;
import dev.jcompose.cli.Main;
import dev.jcompose.cli.UserFacingException;
import dev.jcompose.cli.compose.ProjectLoading;
import dev.jcompose.cli.engine.EngineStarter;
import dev.jcompose.cli.output.Progress;
import dev.jcompose.compose.model.Project;
import dev.jcompose.compose.model.ServiceConfig;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/**
 * {@code jcompose push [SERVICE...]}: pushes the images of the services that are built and name
 * their image ({@code build:} and {@code image:}), as {@code docker compose push}.
 */
@Command(name = "push", description = "Push service images")
public final class PushCommand implements Runnable {
  @ParentCommand
  Main main;

  @Option(names = "--ignore-push-failures", description = "Push what it can and ignore images with push failures")
  boolean ignorePushFailures;

  @Option(names = {"-q", "--quiet"}, description = "Push without printing progress information")
  boolean quiet;

  @Parameters(description = "Services (default: all)")
  List<String> services = new ArrayList<>();

  @Override
  public void run() {
    Project project = ProjectLoading.load(main.global, services);
    List<ServiceConfig> selected = project.services().stream()
        .filter(s -> services.isEmpty() || services.contains(s.name()))
        .filter(s -> s.build() != null && s.image() != null).toList();
    EngineClient engine = new EngineStarter(main.global.engineLocation()).connect();
    Progress progress = quiet ? Progress.of(System.out, dev.jcompose.cli.output.ProgressMode.QUIET, false) : main.global.progress(System.out);
    List<String> failures = new ArrayList<>();
    for (ServiceConfig s : selected) {
      String image = s.image();
      progress.working("Image", image, "Pushing");
      try {
        String repo = image;
        String tag = "latest";
        int colon = image.lastIndexOf(':');
        if (colon > image.lastIndexOf('/')) {
          repo = image.substring(0, colon);
          tag = image.substring(colon + 1);
        }
        engine.pushImage(repo, tag, p -> { });
        progress.done("Image", image, "Pushed");
      } catch (EngineApiException e) {
        progress.failed("Image", image, e.getMessage());
        failures.add(s.name() + ": " + e.getMessage());
      }
    }
    if (!failures.isEmpty() && !ignorePushFailures) {
      throw new UserFacingException("push failed for " + String.join("; ", failures));
    }
  }
}
