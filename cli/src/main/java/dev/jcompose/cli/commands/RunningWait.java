package dev.jcompose.cli.commands;

import dev.jcompose.api.client.EngineClient;
import dev.jcompose.api.model.ContainerInspect;
import dev.jcompose.api.model.ContainerSummary;
import dev.jcompose.cli.UserFacingException;
import dev.jcompose.cli.compose.ProjectContainers;
import dev.jcompose.compose.model.Project;
import java.util.List;
import java.util.Set;

/**
 * {@code up --wait}: returns once every container of the started services is running, and fails
 * (naming the container and its exit code) as soon as one of them has exited instead, or when
 * the timeout passes. A container with a healthcheck must also be healthy.
 */
final class RunningWait {
  private RunningWait() {}

  static int await(EngineClient engine, Project p, Set<String> services, Integer timeoutSeconds) {
    long deadline = timeoutSeconds == null ? Long.MAX_VALUE : System.currentTimeMillis() + timeoutSeconds * 1000L;
    List<ContainerSummary> containers = ProjectContainers.of(engine, p.name(), services, true);
    while (true) {
      int running = 0;
      for (ContainerSummary c : containers) {
        ContainerInspect i = engine.inspectContainer(c.id());
        if (Boolean.TRUE.equals(i.state().running())) {
          String health = i.state().health() == null ? "healthy" : i.state().health().status();
          if ("unhealthy".equals(health)) {
            throw new UserFacingException("container " + c.name() + " is unhealthy; `jcompose ps` and `jcompose logs "
                + ProjectContainers.service(c) + "` show more");
          }
          if ("healthy".equals(health)) {
            running++;
          }
        } else if (!"created".equals(i.state().status())) {
          throw new UserFacingException("container " + c.name() + " exited (" + i.state().exitCode() + ") instead of running; "
              + "`jcompose logs " + ProjectContainers.service(c) + "` shows why");
        }
      }
      if (running == containers.size()) {
        return 0;
      }
      if (System.currentTimeMillis() > deadline) {
        throw new UserFacingException("timed out after " + timeoutSeconds + " s waiting for the project to be running ("
            + running + " of " + containers.size() + " containers are)");
      }
      try {
        Thread.sleep(100);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new UserFacingException("interrupted while waiting for the project to be running");
      }
    }
  }
}
