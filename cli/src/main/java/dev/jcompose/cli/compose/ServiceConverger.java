package dev.jcompose.cli.compose;

import dev.jcompose.api.client.EngineApiException;
import dev.jcompose.api.client.EngineClient;
import dev.jcompose.api.model.ContainerCreateRequest;
import dev.jcompose.api.model.ContainerInspect;
import dev.jcompose.api.model.ContainerSummary;
import dev.jcompose.cli.UserFacingException;
import dev.jcompose.cli.output.Progress;
import dev.jcompose.compose.model.DependsOn;
import dev.jcompose.compose.model.Project;
import dev.jcompose.compose.model.ServiceConfig;
import dev.jcompose.scheduler.ServiceGraph;
import java.util.List;
import java.util.Map;

/**
 * Brings one service's containers to what the Compose file says, as Docker Compose converges:
 * a container whose config hash matches is kept (started if stopped), one that differs is
 * recreated, a missing one is created; containers beyond the scale are removed.
 */
public final class ServiceConverger {
  private final EngineClient engine;
  private final Progress progress;

  public ServiceConverger(EngineClient engine, Progress progress) {
    this.engine = engine;
    this.progress = progress;
  }

  public void converge(Project p, ServiceConfig s) {
    converge(p, s, ConvergeOptions.defaults());
  }

  public void converge(Project p, ServiceConfig s, ConvergeOptions options) {
    if (options.start()) {
      awaitDependencies(p, s);
    }
    int replicas = options.scale().getOrDefault(s.name(), Math.max(1, s.scale()));
    if (replicas > 1 && s.containerName() != null) {
      throw new UserFacingException("service \"" + s.name() + "\" sets container_name \"" + s.containerName()
          + "\", so it cannot have " + replicas + " replicas: container names are unique; remove container_name to scale it");
    }
    Integer timeout = options.timeout() != null ? options.timeout() : stopTimeout(s);
    List<ContainerSummary> existing = engine.listContainers(true,
        List.of(ComposeLabels.project(p.name()), ComposeLabels.service(s.name()), ComposeLabels.ONEOFF + "=False"));
    ServiceConfig resolved = withNamespaceOwners(p, s);
    boolean dependentsStopped = false;
    for (int number = 1; number <= replicas; number++) {
      ContainerCreateRequest want = ContainerRequests.of(p, resolved, number);
      String name = ContainerRequests.containerName(p, s, number);
      ContainerSummary have = find(existing, number);
      boolean same = have != null && want.labels().get(ComposeLabels.CONFIG_HASH).equals(have.labels().get(ComposeLabels.CONFIG_HASH))
          && !imageChanged(have, s);
      boolean keep = have != null && (options.recreate() == ConvergeOptions.Recreate.NEVER
          || (same && options.recreate() == ConvergeOptions.Recreate.CHANGED));
      if (keep) {
        if ("running".equals(have.state())) {
          progress.done("Container", name, "Running");
        } else if (options.start()) {
          start(name, have.id());
        } else {
          progress.done("Container", name, "Created");
        }
        continue;
      }
      if (have != null) {
        if (!dependentsStopped) {
          stopRestartDependents(p, s, timeout);
          dependentsStopped = true;
        }
        progress.working("Container", name, "Recreate");
        if (!options.renewAnonVolumes()) {
          want = AnonymousVolumes.carryOver(engine.inspectContainer(have.id()), want);
        }
        stopAndRemove(have, timeout);
        progress.done("Container", name, "Recreated");
      }
      progress.working("Container", name, "Creating");
      dev.jcompose.api.model.IdResponse created;
      try {
        created = engine.createContainer(name, want);
      } catch (EngineApiException e) {
        throw new UserFacingException("service \"" + s.name() + "\": creating container " + name
            + " failed: Error response from engine: " + e.getMessage(), e);
      }
      String id = created.id();
      if (created.warnings() != null) {
        created.warnings().forEach(w -> progress.warn(name + ": " + w)); // the engine's, as Compose prints them
      }
      progress.done("Container", name, "Created");
      if (options.start()) {
        start(name, id);
      }
    }
    for (ContainerSummary extra : existing) {
      if (number(extra) > replicas) {
        progress.working("Container", extra.name(), "Removing");
        stopAndRemove(extra, timeout);
        progress.done("Container", extra.name(), "Removed");
      }
    }
  }

  /**
   * Before {@code s} is recreated: stops the running containers of the services whose
   * {@code depends_on} names it with {@code restart: true} (transitively), as Compose does; they
   * come after {@code s} in dependency order, so {@code up}'s start phase starts them again.
   */
  private void stopRestartDependents(Project p, ServiceConfig s, Integer timeout) {
    for (String dependent : ServiceGraph.of(p).restartDependentsOf(s.name())) {
      for (ContainerSummary c : engine.listContainers(false,
          List.of(ComposeLabels.project(p.name()), ComposeLabels.service(dependent), ComposeLabels.ONEOFF + "=False"))) {
        progress.working("Container", c.name(), "Stopping");
        engine.stopContainer(c.id(), p.service(dependent).map(ServiceConverger::stopTimeout).orElse(timeout));
        progress.done("Container", c.name(), "Stopped");
      }
    }
  }

  /**
   * The service with {@code network_mode}, {@code ipc} and {@code pid} of the form
   * {@code service:X} turned into {@code container:<id>} of X's first container, as Compose
   * does: so the config hash changes, and the service is recreated, when X gets a new container.
   */
  ServiceConfig withNamespaceOwners(Project p, ServiceConfig s) {
    ServiceConfig out = s;
    if (isServiceRef(s.networkMode())) {
      out = out.toBuilder().networkMode(ownerContainer(p, s, "network_mode", s.networkMode())).build();
    }
    if (isServiceRef(s.ipc())) {
      out = out.toBuilder().ipc(ownerContainer(p, s, "ipc", s.ipc())).build();
    }
    if (isServiceRef(s.pid())) {
      out = out.toBuilder().pid(ownerContainer(p, s, "pid", s.pid())).build();
    }
    return out;
  }

  private static boolean isServiceRef(String mode) {
    return mode != null && mode.startsWith("service:");
  }

  private String ownerContainer(Project p, ServiceConfig s, String key, String mode) {
    String owner = mode.substring("service:".length());
    return engine.listContainers(true, List.of(ComposeLabels.project(p.name()), ComposeLabels.service(owner), ComposeLabels.ONEOFF + "=False"))
        .stream().min(java.util.Comparator.comparingInt(ServiceConverger::number))
        .map(c -> "container:" + c.id())
        .orElseThrow(() -> new UserFacingException("service \"" + s.name() + "\" uses " + key + ": " + mode + ", but service \""
            + owner + "\" has no container to share it with: create it first (jcompose up " + owner + ")"));
  }

  /**
   * True when the service's image name now points at another image than the container runs
   * (rebuilt or pulled since): Compose recreates such a container.
   */
  private boolean imageChanged(ContainerSummary have, ServiceConfig s) {
    if (have.imageId() == null || s.image() == null) {
      return false;
    }
    return ImagePuller.local(engine, s.image()).map(i -> !i.id().equals(have.imageId())).orElse(false);
  }

  /**
   * Starts the service's containers that are not running, once its dependencies' conditions
   * hold (the second half of {@code up}, after every container was created).
   */
  public void start(Project p, ServiceConfig s, ConvergeOptions options) {
    int replicas = options.scale().getOrDefault(s.name(), Math.max(1, s.scale()));
    startStopped(p, s, replicas);
  }

  /**
   * Starts every container of the service that is not running (whatever its scale), once its
   * dependencies' conditions hold: the second half of {@code restart}.
   */
  public void startAll(Project p, ServiceConfig s) {
    startStopped(p, s, Integer.MAX_VALUE);
  }

  private void startStopped(Project p, ServiceConfig s, int replicas) {
    awaitDependencies(p, s);
    List<ContainerSummary> existing = engine.listContainers(true,
        List.of(ComposeLabels.project(p.name()), ComposeLabels.service(s.name()), ComposeLabels.ONEOFF + "=False"));
    existing.stream().filter(c -> number(c) <= replicas && !"running".equals(c.state()))
        .sorted(java.util.Comparator.comparingInt(ServiceConverger::number))
        .forEach(c -> start(c.name(), c.id()));
  }

  private void start(String name, String id) {
    progress.working("Container", name, "Starting");
    try {
      engine.startContainer(id);
    } catch (EngineApiException e) {
      throw new UserFacingException("starting container " + name + " failed: Error response from engine: " + e.getMessage(), e);
    }
    progress.done("Container", name, "Started");
  }

  private void awaitDependencies(Project p, ServiceConfig s) {
    for (Map.Entry<String, DependsOn> d : s.dependsOn().entrySet()) {
      switch (d.getValue().condition()) {
        case SERVICE_STARTED -> { }
        case SERVICE_HEALTHY -> HealthWait.awaitHealthy(engine, progress, p, d.getKey(), s.name());
        case SERVICE_COMPLETED_SUCCESSFULLY -> awaitCompletion(p, s, d.getKey());
      }
    }
  }

  private void awaitCompletion(Project p, ServiceConfig s, String dependency) {
    for (ContainerSummary c : engine.listContainers(true, List.of(ComposeLabels.project(p.name()), ComposeLabels.service(dependency),
        ComposeLabels.ONEOFF + "=False"))) {
      ContainerInspect after = waitForExit(c.id());
      int code = after.state().exitCode() == null ? -1 : after.state().exitCode();
      if (code != 0) {
        throw new UserFacingException("service \"" + dependency + "\" didn't complete successfully: exit " + code
            + " (service \"" + s.name() + "\" depends on it with condition service_completed_successfully)");
      }
    }
  }

  private ContainerInspect waitForExit(String id) {
    while (true) {
      ContainerInspect c = engine.inspectContainer(id);
      if (!Boolean.TRUE.equals(c.state().running())) {
        return c;
      }
      try {
        Thread.sleep(100);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new UserFacingException("interrupted while waiting for " + id);
      }
    }
  }

  void stopAndRemove(ContainerSummary c, Integer timeout) {
    try {
      if ("running".equals(c.state())) {
        engine.stopContainer(c.id(), timeout);
      }
      engine.removeContainer(c.id(), true, false);
    } catch (EngineApiException e) {
      if (!e.isNotFound()) {
        throw e;
      }
    }
  }

  static Integer stopTimeout(ServiceConfig s) {
    return s.stopGracePeriod() == null ? null : (int) Math.max(0, s.stopGracePeriod().toSeconds());
  }

  private static ContainerSummary find(List<ContainerSummary> existing, int number) {
    return existing.stream().filter(c -> number(c) == number).findFirst().orElse(null);
  }

  static int number(ContainerSummary c) {
    try {
      return Integer.parseInt(c.labels().getOrDefault(ComposeLabels.NUMBER, "1"));
    } catch (NumberFormatException e) {
      return 1;
    }
  }
}
