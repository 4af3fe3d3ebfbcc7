package dev.jcompose.cli.compose;

import dev.jcompose.api.client.EngineClient;
import dev.jcompose.api.model.ContainerInspect;
import dev.jcompose.api.model.ContainerSummary;
import dev.jcompose.cli.UserFacingException;
import dev.jcompose.cli.output.Progress;
import dev.jcompose.compose.model.DependsOn;
import dev.jcompose.compose.model.Project;
import dev.jcompose.compose.model.ServiceConfig;
import java.util.List;
import java.util.Map;

/**
 * Waits until a service's {@code depends_on} conditions hold, before its one-off container is
 * created (Compose's {@code waitDependencies} in {@code run}): healthy dependencies, and those
 * that must have completed successfully. Only the dependencies' service containers count, never
 * other one-offs.
 */
public final class DependencyWait {
  private static final long POLL_MS = 100;

  private DependencyWait() {}

  public static void await(EngineClient engine, Progress progress, Project p, ServiceConfig s) {
    for (Map.Entry<String, DependsOn> d : s.dependsOn().entrySet()) {
      switch (d.getValue().condition()) {
        case SERVICE_STARTED -> { }
        case SERVICE_HEALTHY -> HealthWait.awaitHealthy(engine, progress, p, d.getKey(), s.name());
        case SERVICE_COMPLETED_SUCCESSFULLY -> awaitCompletion(engine, p, s.name(), d.getKey());
      }
    }
  }

  private static void awaitCompletion(EngineClient engine, Project p, String service, String dependency) {
    for (ContainerSummary c : ProjectContainers.of(engine, p.name(), List.of(dependency), true)) {
      ContainerInspect after = engine.inspectContainer(c.id());
      while (Boolean.TRUE.equals(after.state().running())) {
        sleep(c.name());
        after = engine.inspectContainer(c.id());
      }
      int code = after.state().exitCode() == null ? -1 : after.state().exitCode();
      if (code != 0) {
        throw new UserFacingException("service \"" + dependency + "\" didn't complete successfully: exit " + code
            + " (service \"" + service + "\" depends on it with condition service_completed_successfully)");
      }
    }
  }

  private static void sleep(String waitingFor) {
    try {
      Thread.sleep(POLL_MS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new UserFacingException("interrupted while waiting for " + waitingFor + " to complete");
    }
  }
}
