package dev.jcompose.cli.compose;

import dev.jcompose.api.model.ContainerCreateRequest;
import dev.jcompose.api.model.EndpointSettings;
import dev.jcompose.api.model.HostConfig;
import dev.jcompose.api.model.NetworkingConfig;
import dev.jcompose.compose.model.PortConfig;
import dev.jcompose.compose.model.Project;
import dev.jcompose.compose.model.ServiceConfig;
import dev.jcompose.compose.model.ServiceConfigBuilder;
import dev.jcompose.compose.model.ServiceVolume;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * What {@code jcompose run} changes on a service to make its one-off container, as Docker Compose's
 * {@code applyRunOptions} and {@code prepareRun} do: the command line's overrides, no restart policy,
 * no TTY, no published ports unless asked, network aliases only with {@code --use-aliases}, and the
 * one-off labels ({@code com.docker.compose.oneoff=True}, a slug, container-number -1) so that
 * {@code up} never counts, adopts or recreates it.
 *
 * @param command replaces the service's command when not empty
 * @param entrypoint replaces the entrypoint when not null (and then clears the command unless one is given)
 * @param volumes added to the service's, replacing a mount at the same container path
 * @param publish the ports to publish instead of the service's ({@code -p}); empty for none
 * @param pullPolicy replaces the service's {@code pull_policy} when not null ({@code --pull})
 */
public record OneOffContainer(List<String> command, List<String> entrypoint, Map<String, String> environment,
    Map<String, String> labels, String user, String workingDir, List<ServiceVolume> volumes, List<PortConfig> publish,
    boolean servicePorts, boolean useAliases, boolean autoRemove, String pullPolicy, List<String> capAdd, List<String> capDrop) {
  public static final String SLUG = "com.docker.compose.slug";
  private static final SecureRandom RANDOM = new SecureRandom();

  public OneOffContainer {
    command = List.copyOf(command);
    entrypoint = entrypoint == null ? null : List.copyOf(entrypoint);
    environment = Map.copyOf(environment);
    labels = Map.copyOf(labels);
    volumes = List.copyOf(volumes);
    publish = List.copyOf(publish);
    capAdd = List.copyOf(capAdd);
    capDrop = List.copyOf(capDrop);
  }

  public OneOffContainer withEnvironment(Map<String, String> newEnvironment) {
    return new OneOffContainer(command, entrypoint, newEnvironment, labels, user, workingDir, volumes, publish, servicePorts, useAliases,
        autoRemove, pullPolicy, capAdd, capDrop);
  }

  public OneOffContainer withVolumes(List<ServiceVolume> newVolumes) {
    return new OneOffContainer(command, entrypoint, environment, labels, user, workingDir, newVolumes, publish, servicePorts, useAliases,
        autoRemove, pullPolicy, capAdd, capDrop);
  }

  /** A new random slug: 64 hex digits, as Docker's {@code stringid.GenerateRandomID}. */
  public static String newSlug() {
    byte[] b = new byte[32];
    RANDOM.nextBytes(b);
    return HexFormat.of().formatHex(b);
  }

  /** Compose's one-off name: {@code <project>-<service>-run-<first 12 of the slug>}. */
  public static String defaultName(Project p, String service, String slug) {
    return p.name() + "-" + service + "-run-" + slug.substring(0, 12);
  }

  /** The service as its one-off container runs it, named {@code name}. */
  public ServiceConfig applyTo(ServiceConfig s, String name, String slug) {
    ServiceConfigBuilder b = s.toBuilder().containerName(name).restart(null).tty(false).stdinOpen(false).scale(1);
    if (!command.isEmpty()) {
      b.command(command);
    }
    if (entrypoint != null) {
      b.entrypoint(entrypoint);
      if (command.isEmpty()) {
        b.command(List.of());
      }
    }
    if (user != null) {
      b.user(user);
    }
    if (workingDir != null) {
      b.workingDir(workingDir);
    }
    Map<String, String> env = new LinkedHashMap<>(s.environment());
    env.putAll(environment);
    b.environment(env);
    Map<String, String> allLabels = new TreeMap<>(s.labels());
    allLabels.putAll(labels);
    allLabels.put(ComposeLabels.ONEOFF, "True");
    allLabels.put(SLUG, slug);
    b.labels(allLabels);
    b.ports(!publish.isEmpty() ? publish : servicePorts ? s.ports() : List.of());
    Set<String> overridden = volumes.stream().map(ServiceVolume::target).collect(Collectors.toSet());
    List<ServiceVolume> mounts = new ArrayList<>(s.volumes().stream().filter(v -> !overridden.contains(v.target())).toList());
    mounts.addAll(volumes);
    b.volumes(mounts);
    if (!capAdd.isEmpty() || !capDrop.isEmpty()) {
      List<String> add = new ArrayList<>(s.capAdd());
      add.addAll(capAdd);
      add.removeAll(capDrop);
      List<String> drop = new ArrayList<>(s.capDrop());
      drop.removeAll(capAdd);
      drop.addAll(capDrop);
      b.capAdd(add).capDrop(drop);
    }
    if (pullPolicy != null) {
      b.pullPolicy(pullPolicy);
    }
    return b.build();
  }

  /**
   * The create request for {@code applied} (from {@link #applyTo}): the service's request with
   * container-number -1, and on each network only the container's name as alias unless
   * {@code --use-aliases} (the engine adds the short id itself, as Docker does).
   */
  public ContainerCreateRequest request(Project p, ServiceConfig applied) {
    ContainerCreateRequest r = ContainerRequests.of(p, applied, -1);
    String name = applied.containerName();
    NetworkingConfig networking = r.networkingConfig();
    if (networking != null && !useAliases) {
      Map<String, EndpointSettings> endpoints = new TreeMap<>();
      networking.endpointsConfig().forEach((net, e) -> endpoints.put(net, new EndpointSettings(e.ipamConfig(), List.of(name),
          e.networkId(), e.endpointId(), e.gateway(), e.ipAddress(), e.ipPrefixLen(), e.macAddress())));
      networking = new NetworkingConfig(endpoints);
    }
    HostConfig h = r.hostConfig();
    HostConfig host = !autoRemove ? h : h.withAutoRemove(true);
    return new ContainerCreateRequest(r.hostname(), r.domainname(), r.user(), r.env(), r.cmd(), r.entrypoint(), r.image(), r.labels(),
        r.workingDir(), r.exposedPorts(), r.stopSignal(), r.stopTimeout(), r.tty(), r.openStdin(), host, networking, r.healthcheck());
  }
}
