package dev.jcompose.engine.containers;

import dev.jcompose.api.model.ContainerCreateRequest;
import dev.jcompose.engine.networks.Endpoint;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A container as the engine keeps it in {@code <root>/containers/<id>/container.json}: what was
 * asked for at create, the image it was made from, its run state and its live network endpoints.
 */
public record ContainerRecord(
    String id,
    String name,
    Instant created,
    String imageName,
    String imageId,
    ContainerCreateRequest config,
    List<String> networks,
    RunState state,
    Map<String, Endpoint> endpoints,
    List<PublishedPort> ports,
    List<MountPlanner.PlannedMount> mounts) {

  public ContainerRecord {
    networks = List.copyOf(networks);
    endpoints = Map.copyOf(endpoints);
    ports = List.copyOf(ports);
    mounts = List.copyOf(mounts);
  }

  public ContainerRecord withState(RunState s) {
    return new ContainerRecord(id, name, created, imageName, imageId, config, networks, s, endpoints, ports, mounts);
  }

  public ContainerRecord withNetworkState(Map<String, Endpoint> e, List<PublishedPort> p) {
    return new ContainerRecord(id, name, created, imageName, imageId, config, networks, state, e, p, mounts);
  }

  public String hostname() {
    return config.hostname() != null && !config.hostname().isEmpty() ? config.hostname() : id.substring(0, 12);
  }

  public Map<String, String> labels() {
    return config.labels() == null ? Map.of() : config.labels();
  }

  /** A host port bound to a container port. */
  public record PublishedPort(String hostIp, int hostPort, int containerPort, String protocol) {}
}
