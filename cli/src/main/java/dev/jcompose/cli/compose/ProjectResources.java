package dev.jcompose.cli.compose;

import dev.jcompose.api.client.EngineApiException;
import dev.jcompose.api.client.EngineClient;
import dev.jcompose.api.model.Ipam;
import dev.jcompose.api.model.NetworkCreateRequest;
import dev.jcompose.api.model.VolumeCreateRequest;
import dev.jcompose.cli.UserFacingException;
import dev.jcompose.cli.output.Progress;
import dev.jcompose.compose.model.NetworkConfig;
import dev.jcompose.compose.model.Project;
import dev.jcompose.compose.model.ServiceConfig;
import dev.jcompose.compose.model.ServiceVolume;
import dev.jcompose.compose.model.VolumeConfig;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/** Creates the networks and volumes a set of services needs, unless they exist; external ones must exist. */
public final class ProjectResources {
  private final EngineClient engine;
  private final Progress progress;

  public ProjectResources(EngineClient engine, Progress progress) {
    this.engine = engine;
    this.progress = progress;
  }

  public void ensureNetworks(Project p, List<ServiceConfig> services) {
    Set<String> keys = new LinkedHashSet<>();
    for (ServiceConfig s : services) {
      if (s.networkMode() == null) {
        keys.addAll(s.networks().keySet());
      }
    }
    for (String key : keys) {
      NetworkConfig n = p.networks().get(key);
      if (n == null) {
        throw new UserFacingException("service uses network \"" + key + "\", which is not declared under the top-level networks: key");
      }
      if (exists(() -> engine.inspectNetwork(n.name()))) {
        continue;
      }
      if (n.external()) {
        throw new UserFacingException("network " + n.name() + " declared as external, but could not be found; create it first "
            + "(or remove external: true)");
      }
      Map<String, String> labels = new TreeMap<>(n.labels());
      labels.put(ComposeLabels.PROJECT, p.name());
      labels.put(ComposeLabels.NETWORK, key);
      labels.put(ComposeLabels.VERSION, "jcompose-0.1.0");
      Ipam ipam = n.ipam() == null || n.ipam().config().isEmpty() ? null : new Ipam(n.ipam().driver(),
          n.ipam().config().stream().map(c -> new Ipam.Config(c.subnet(), c.gateway(), c.ipRange())).toList());
      progress.working("Network", n.name(), "Creating");
      engine.createNetwork(new NetworkCreateRequest(n.name(), true, n.driver(), n.internal(), n.attachable(), ipam, labels,
          n.driverOpts()));
      progress.done("Network", n.name(), "Created");
    }
  }

  public void ensureVolumes(Project p, List<ServiceConfig> services) {
    Set<String> keys = new LinkedHashSet<>();
    for (ServiceConfig s : services) {
      for (ServiceVolume v : s.volumes()) {
        if (v.type() == ServiceVolume.Type.VOLUME && v.source() != null) {
          keys.add(v.source());
        }
      }
    }
    for (String key : keys) {
      VolumeConfig v = p.volumes().get(key);
      if (v == null) {
        throw new UserFacingException("a service refers to undefined volume " + key + ": declare it under the top-level volumes: key");
      }
      if (exists(() -> engine.inspectVolume(v.name()))) {
        continue;
      }
      if (v.external()) {
        throw new UserFacingException("external volume \"" + v.name() + "\" not found; create it first (or remove external: true)");
      }
      Map<String, String> labels = new TreeMap<>(v.labels());
      labels.put(ComposeLabels.PROJECT, p.name());
      labels.put(ComposeLabels.VOLUME, key);
      labels.put(ComposeLabels.VERSION, "jcompose-0.1.0");
      progress.working("Volume", "\"" + v.name() + "\"", "Creating");
      engine.createVolume(new VolumeCreateRequest(v.name(), v.driver(), v.driverOpts(), labels));
      progress.done("Volume", "\"" + v.name() + "\"", "Created");
    }
  }

  private static boolean exists(Runnable inspect) {
    try {
      inspect.run();
      return true;
    } catch (EngineApiException e) {
      if (e.isNotFound()) {
        return false;
      }
      throw e;
    }
  }
}
