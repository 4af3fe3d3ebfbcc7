package dev.jcompose.cli.commands;

import dev.jcompose.api.client.EngineClient;
import dev.jcompose.api.model.ContainerSummary;
import dev.jcompose.cli.compose.ServiceTasks;
import dev.jcompose.cli.output.Progress;
import dev.jcompose.compose.model.Project;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code jcompose kill}: send a signal to the services' running containers. */
@Command(name = "kill", description = "Force stop service containers")
public final class KillCommand extends ProjectCommand {
  @Option(names = {"-s", "--signal"}, defaultValue = "SIGKILL", description = "SIGNAL to send to the container (default ${DEFAULT-VALUE})")
  String signal;

  @Parameters(description = "Services")
  List<String> services = new ArrayList<>();

  @Override
  public void run() {
    Project p = project(services);
    EngineClient engine = engine();
    Progress progress = progress();
    ServiceTasks.inParallel(containers(engine, p, services, false), c -> { // as Compose: all at once
      progress.working("Container", c.name(), "Killing");
      engine.killContainer(c.id(), signal);
      progress.done("Container", c.name(), "Killed");
    });
  }
}
