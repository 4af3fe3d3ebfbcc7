package dev.jcompose.cli.commands;

import dev.jcompose.api.client.EngineClient;
import dev.jcompose.cli.Main;
import dev.jcompose.cli.UserFacingException;
import dev.jcompose.cli.compose.ImageBuilder;
import dev.jcompose.cli.compose.ProjectLoading;
import dev.jcompose.cli.engine.EngineStarter;
import dev.jcompose.compose.model.Project;
import dev.jcompose.compose.model.ServiceConfig;
import java.io.OutputStream;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code jcompose build [SERVICE...]}: build the services' images, as {@code docker compose build}. */
@Command(name = "build", description = "Build or rebuild services")
public final class BuildCommand implements Runnable {
  @ParentCommand
  Main main;

  @Option(names = "--no-cache", description = "Do not use cache when building the image")
  boolean noCache;

  @Option(names = "--pull", description = "Always attempt to pull a newer version of the image")
  boolean pull;

  @Option(names = "--build-arg", paramLabel = "KEY=VALUE", description = "Set build-time variables for services")
  List<String> buildArgs = new ArrayList<>();

  @Option(names = {"-q", "--quiet"}, description = "Don't print anything to STDOUT")
  boolean quiet;

  @Option(names = "--progress", paramLabel = "TYPE", description = "Accepted for compatibility (auto, plain, tty, quiet); output is always plain")
  String progressType;

  @Parameters(description = "Services (default: all that have a build section)")
  List<String> services = new ArrayList<>();

  @Override
  public void run() {
    Project project = ProjectLoading.load(main.global, services);
    List<ServiceConfig> selected = project.services().stream()
        .filter(s -> services.isEmpty() || services.contains(s.name())).toList();
    for (String name : services) {
      if (project.service(name).map(s -> s.build() == null).orElse(false)) {
        System.err.println("WARN[0000] service \"" + name + "\" has no build section; nothing to build for it");
      }
    }
    Map<String, String> args = new LinkedHashMap<>();
    for (String a : buildArgs) {
      int eq = a.indexOf('=');
      if (eq == 0) {
        throw new UserFacingException("--build-arg " + a + ": write KEY=VALUE (or KEY to take it from the environment)");
      }
      if (eq < 0) {
        String v = System.getenv(a);
        if (v != null) {
          args.put(a, v);
        }
      } else {
        args.put(a.substring(0, eq), a.substring(eq + 1));
      }
    }
    EngineClient engine = new EngineStarter(main.global.engineLocation()).connect();
    PrintStream out = quiet || "quiet".equals(progressType) ? new PrintStream(OutputStream.nullOutputStream()) : System.out;
    new ImageBuilder(engine, out).build(project.name(), selected,
        new ImageBuilder.Options(noCache, pull, args, quiet || "quiet".equals(progressType)));
  }
}
