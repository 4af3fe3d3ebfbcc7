package dev.jcompose.cli.commands;

import dev.jcompose.api.client.EngineClient;
import dev.jcompose.cli.compose.ServiceConverger;
import dev.jcompose.cli.compose.ServiceTasks;
import dev.jcompose.cli.output.Progress;
import dev.jcompose.compose.model.Project;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code jcompose restart}: stop then start the services' containers (it does not apply changes to the file: use `up`). */
@Command(name = "restart", description = "Restart service containers")
public final class RestartCommand extends ProjectCommand {
  @Option(names = {"-t", "--timeout"}, description = "Specify a shutdown timeout in seconds")
  Integer timeout;

  @Option(names = "--no-deps", description = "Don't restart dependent services")
  boolean noDeps;

  @Parameters(description = "Services")
  List<String> services = new ArrayList<>();

  @Override
  public void run() {
    Project p = project(services);
    EngineClient engine = engine();
    Progress progress = progress();
    // as Compose: the named services and those whose depends_on names one with restart: true
    Set<String> chosen = services.isEmpty() || noDeps ? selected(p, services) : graph(p).selectForRestart(services);
    StopCommand.stop(engine, progress, p, chosen, timeout);
    ServiceConverger converger = new ServiceConverger(engine, progress);
    // each starts once its dependencies' conditions hold again (a restarted database healthy, ...)
    ServiceTasks.inDependencyOrder(graph(p), chosen, service -> converger.startAll(p, p.service(service).orElseThrow()));
  }
}
