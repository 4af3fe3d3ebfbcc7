package dev.jcompose.cli.compose;

import dev.jcompose.api.client.EngineClient;
import dev.jcompose.api.model.ContainerInspect;
import dev.jcompose.api.model.ContainerSummary;
import dev.jcompose.cli.UserFacingException;
import dev.jcompose.cli.output.Progress;
import dev.jcompose.compose.model.Project;
import java.util.List;

/**
 * Waits for a dependency's containers to be healthy, as {@code condition: service_healthy} asks.
 * Fails at once when one becomes unhealthy or exits, and when it has no healthcheck to wait for.
 */
public final class HealthWait {
  private static final long POLL_MS = 200;

  private HealthWait() {}

  public static void awaitHealthy(EngineClient engine, Progress progress, Project p, String dependency, String dependent) {
    List<ContainerSummary> containers = ProjectContainers.of(engine, p.name(), List.of(dependency), true);
    for (ContainerSummary c : containers) {
      progress.working("Container", c.name(), "Waiting");
      while (true) {
        ContainerInspect i = engine.inspectContainer(c.id());
        if (!Boolean.TRUE.equals(i.state().running()) && !Boolean.TRUE.equals(i.state().restarting())) {
          throw new UserFacingException("dependency failed to start: container " + c.name() + " exited (" + i.state().exitCode()
              + ") before it was healthy (service \"" + dependent + "\" waits for it); `jcompose logs " + dependency + "` shows why");
        }
        if (i.state().health() == null) {
          throw new UserFacingException("dependency failed to start: container " + c.name() + " has no healthcheck configured, but \""
              + dependent + "\" depends on it with condition service_healthy; add a healthcheck to \"" + dependency
              + "\" or use condition: service_started");
        }
        String status = i.state().health().status();
        if ("healthy".equals(status)) {
          progress.done("Container", c.name(), "Healthy");
          break;
        }
        if ("unhealthy".equals(status)) {
          List<dev.jcompose.api.model.Health.Result> log = i.state().health().log();
          String last = log.isEmpty() ? "" : ": last check exited " + log.get(log.size() - 1).exitCode() + " with \""
              + log.get(log.size() - 1).output().strip() + "\"";
          throw new UserFacingException("dependency failed to start: container " + c.name() + " is unhealthy" + last);
        }
        try {
          Thread.sleep(POLL_MS);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new UserFacingException("interrupted while waiting for " + c.name() + " to be healthy");
        }
      }
    }
  }
}
