package dev.jcompose.cli.commands;

import dev.jcompose.api.client.EngineClient;
import dev.jcompose.cli.Main;
import dev.jcompose.cli.compose.ImagePuller;
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

/** {@code jcompose pull [SERVICE...]}: pull the services' images, as {@code docker compose pull}. */
@Command(name = "pull", description = "Pull service images")
public final class PullCommand implements Runnable {
  @ParentCommand
  Main main;

  @Option(names = "--ignore-pull-failures", description = "Pull what it can and ignore images with pull failures")
  boolean ignorePullFailures;

  @Option(names = {"-q", "--quiet"}, description = "Pull without printing progress information")
  boolean quiet;

  @Parameters(description = "Services (default: all)")
  List<String> services = new ArrayList<>();

  @Override
  public void run() {
    Project project = ProjectLoading.load(main.global, services);
    List<ServiceConfig> selected = project.services().stream()
        .filter(s -> services.isEmpty() || services.contains(s.name())).toList();
    EngineClient engine = new EngineStarter(main.global.engineLocation()).connect();
    Progress progress = quiet ? Progress.of(System.out, dev.jcompose.cli.output.ProgressMode.QUIET, false) : main.global.progress(System.out);
    new ImagePuller(engine, progress).pullForPullCommand(selected, ignorePullFailures);
  }
}
