package dev.jcompose.cli.commands;

import dev.jcompose.api.client.EngineClient;
import dev.jcompose.api.model.ContainerInspect;
import dev.jcompose.api.model.ContainerSummary;
import dev.jcompose.cli.UserFacingException;
import dev.jcompose.compose.model.Project;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code jcompose wait}: block until the services' containers stop; print their exit codes. */
@Command(name = "wait", description = "Block until containers of all (or specified) services stop.")
public final class WaitCommand implements Callable<Integer> {
  @ParentCommand
  dev.jcompose.cli.Main main;

  @Parameters(arity = "1..*", description = "Services")
  List<String> services = new ArrayList<>();

  @Override
  public Integer call() throws InterruptedException {
    Project p = dev.jcompose.cli.compose.ProjectLoading.load(main.global, services);
    EngineClient engine = new dev.jcompose.cli.engine.EngineStarter(main.global.engineLocation()).connect();
    List<ContainerSummary> containers = ProjectCommand.containers(engine, p, services, true);
    if (containers.isEmpty()) {
      throw new UserFacingException("no containers for " + services + " in project " + p.name());
    }
    int last = 0;
    for (ContainerSummary c : containers) {
      ContainerInspect i = engine.inspectContainer(c.id());
      while (Boolean.TRUE.equals(i.state().running())) {
        Thread.sleep(200);
        i = engine.inspectContainer(c.id());
      }
      last = i.state().exitCode() == null ? 0 : i.state().exitCode();
      System.out.println(last);
    }
    return last;
  }
}
