package dev.jcompose.cli.compose;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.jcompose.api.model.ContainerCreateRequest;
import dev.jcompose.api.model.EndpointSettings;
import dev.jcompose.api.model.HealthConfig;
import dev.jcompose.api.model.HostConfig;
import dev.jcompose.api.model.Json;
import dev.jcompose.api.model.Mount;
import dev.jcompose.api.model.NetworkingConfig;
import dev.jcompose.api.model.PortBinding;
import dev.jcompose.api.model.RestartPolicy;
import dev.jcompose.cli.UserFacingException;
import dev.jcompose.compose.model.NetworkConfig;
import dev.jcompose.compose.model.PortConfig;
import dev.jcompose.compose.model.Project;
import dev.jcompose.compose.model.ServiceConfig;
import dev.jcompose.compose.model.ServiceNetwork;
import dev.jcompose.compose.model.ServiceVolume;
import dev.jcompose.compose.model.VolumeConfig;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Translates a Compose service into the engine's container-create request, as Docker Compose does. */
public final class ContainerRequests {
  private ContainerRequests() {}

  /** Docker Compose's container name: {@code container_name}, else {@code project-service-N}. */
  public static String containerName(Project p, ServiceConfig s, int number) {
    return s.containerName() != null ? s.containerName() : p.name() + "-" + s.name() + "-" + number;
  }

  public static ContainerCreateRequest of(Project p, ServiceConfig s, int number) {
    if (s.image() == null) {
      throw new UserFacingException("service \"" + s.name() + "\" has no image: give it image:, or build: to build one");
    }
    Map<String, String> labels = new TreeMap<>(s.labels());
    labels.put(ComposeLabels.PROJECT, p.name());
    labels.put(ComposeLabels.SERVICE, s.name());
    labels.put(ComposeLabels.NUMBER, Integer.toString(number));
    labels.putIfAbsent(ComposeLabels.ONEOFF, "False"); // a one-off (`run`) sets True in its labels, as Compose does
    labels.put(ComposeLabels.WORKING_DIR, p.workingDir().toString());
    labels.put(ComposeLabels.CONFIG_FILES, String.join(",", p.composeFiles().stream().map(Object::toString).toList()));
    labels.put(ComposeLabels.DEPENDS_ON, String.join(",", s.dependsOn().entrySet().stream()
        .map(e -> e.getKey() + ":" + e.getValue().condition().value() + ":" + e.getValue().restart()).toList()));
    labels.put(ComposeLabels.VERSION, "jcompose-0.1.0");
    labels.put(ComposeLabels.IMAGE, s.image());

    List<String> env = new ArrayList<>();
    s.environment().forEach((k, v) -> {
      if (v != null) {
        env.add(k + "=" + v);
      }
    });

    Map<String, Map<String, Object>> exposed = new TreeMap<>();
    Map<String, List<PortBinding>> bindings = new TreeMap<>();
    for (PortConfig port : s.ports()) {
      for (String published : expandPublished(s, port)) {
        String key = port.target() + "/" + port.protocol();
        exposed.put(key, Map.of());
        bindings.computeIfAbsent(key, k -> new ArrayList<>()).add(new PortBinding(port.hostIp() == null ? "" : port.hostIp(), published));
      }
    }
    for (String e : s.expose()) {
      exposed.put(e.contains("/") ? e : e + "/tcp", Map.of());
    }

    List<Mount> mounts = new ArrayList<>();
    List<String> binds = new ArrayList<>();
    for (ServiceVolume v : s.volumes()) {
      if (v.type() == ServiceVolume.Type.BIND && (v.bind() == null || v.bind().createHostPath())) {
        binds.add(legacyBind(v)); // as Compose: the engine creates a missing source only for a Binds entry
        continue;
      }
      mounts.add(switch (v.type()) {
        case VOLUME -> new Mount("volume", v.source() == null ? null : volumeName(p, s, v.source()), v.target(), v.readOnly(),
            volumeOptions(v.volume()), null);
        case BIND -> new Mount("bind", v.source(), v.target(), v.readOnly(), null, null,
            v.bind().propagation() == null ? null : new Mount.BindOptions(v.bind().propagation(), null));
        case TMPFS -> new Mount("tmpfs", null, v.target(), v.readOnly(), null,
            v.tmpfs() == null ? null : new Mount.TmpfsOptions(v.tmpfs().size(), v.tmpfs().mode()));
      });
    }
    Map<String, String> tmpfs = new TreeMap<>();
    s.tmpfs().forEach(t -> tmpfs.put(t.split(":", 2)[0], t.contains(":") ? t.split(":", 2)[1] : ""));

    String networkMode;
    Map<String, EndpointSettings> endpoints = new TreeMap<>();
    if (s.networkMode() != null) {
      networkMode = namespaceMode(p, s, "network_mode", s.networkMode());
    } else {
      networkMode = null;
      for (Map.Entry<String, ServiceNetwork> n : s.networks().entrySet()) {
        String netName = networkName(p, n.getKey());
        List<String> aliases = new ArrayList<>();
        aliases.add(containerName(p, s, number));
        aliases.add(s.name());
        ServiceNetwork sn = n.getValue() == null ? ServiceNetwork.plain() : n.getValue();
        aliases.addAll(sn.aliases());
        endpoints.put(netName, EndpointSettings.withAliases(aliases, sn.ipv4Address()));
        if (networkMode == null) {
          networkMode = netName;
        }
      }
    }
    Long nanoCpus = s.cpus() == null ? null : (long) (s.cpus() * 1e9);
    HostConfig hc = new HostConfig(binds.isEmpty() ? null : binds, mounts.isEmpty() ? null : mounts, bindings.isEmpty() ? null : bindings, networkMode,
        s.restart() == null ? null : restartPolicy(s.restart()), s.memLimit(), s.pidsLimit(), nanoCpus, s.cpuShares(),
        s.capAdd().isEmpty() ? null : s.capAdd(), s.capDrop().isEmpty() ? null : s.capDrop(), s.privileged() ? true : null,
        s.init(), s.extraHosts().isEmpty() ? null : s.extraHosts(), s.dns().isEmpty() ? null : s.dns(),
        tmpfs.isEmpty() ? null : tmpfs, volumesFrom(p, s), links(p, s), null)
        .withDnsSettings(s.dnsSearch().isEmpty() ? null : s.dnsSearch(), s.dnsOptions().isEmpty() ? null : s.dnsOptions())
        .withNamespaceModes(namespaceMode(p, s, "ipc", s.ipc()), namespaceMode(p, s, "pid", s.pid()))
        .withProcessSettings(s.readOnly() ? true : null, s.shmSize(), s.sysctls().isEmpty() ? null : new TreeMap<>(s.sysctls()),
            ulimits(s), s.groupAdd().isEmpty() ? null : s.groupAdd(), s.oomScoreAdj() == null ? null : s.oomScoreAdj().intValue())
        .withMoreResources(s.cpuset(), null, s.memReservation(), s.memswapLimit())
        .withDevicesLoggingAndSecurity(devices(s), logConfig(s), SecurityOpts.of(s.name(), s.securityOpt(), p.workingDir()));
    Integer stopTimeout = s.stopGracePeriod() == null ? null : (int) Math.max(0, s.stopGracePeriod().toSeconds());
    ContainerCreateRequest withoutHash = new ContainerCreateRequest(s.hostname(), s.domainname(), s.user(), env, s.command(),
        s.entrypoint(), s.image(), labels, s.workingDir(), exposed.isEmpty() ? null : exposed, s.stopSignal(), stopTimeout,
        s.tty() ? true : null, s.stdinOpen() ? true : null, hc, endpoints.isEmpty() ? null : new NetworkingConfig(endpoints),
        healthConfig(s.healthcheck()));
    labels.put(ComposeLabels.CONFIG_HASH, hash(withoutHash));
    return new ContainerCreateRequest(withoutHash.hostname(), withoutHash.domainname(), withoutHash.user(), env, s.command(),
        s.entrypoint(), s.image(), labels, s.workingDir(), withoutHash.exposedPorts(), s.stopSignal(), stopTimeout,
        withoutHash.tty(), withoutHash.openStdin(), hc, withoutHash.networkingConfig(), withoutHash.healthcheck());
  }

  /** A bind as Compose sends one that may create its source: {@code SOURCE:TARGET:rw|ro[,selinux][,propagation]}. */
  static String legacyBind(ServiceVolume v) {
    List<String> options = new ArrayList<>(List.of(v.readOnly() ? "ro" : "rw"));
    if (v.bind() != null && v.bind().selinux() != null) {
      options.add(v.bind().selinux());
    }
    if (v.bind() != null && v.bind().propagation() != null) {
      options.add(v.bind().propagation());
    }
    return v.source() + ":" + v.target() + ":" + String.join(",", options);
  }

  private static Mount.VolumeOptions volumeOptions(ServiceVolume.Volume o) {
    if (o == null || (!o.nocopy() && (o.subpath() == null || o.subpath().isEmpty()))) {
      return null;
    }
    return new Mount.VolumeOptions(o.nocopy() ? true : null, null, o.subpath() == null || o.subpath().isEmpty() ? null : o.subpath());
  }

  /** Compose's {@code ulimits} (short {@code nofile: 20000} or long {@code {soft, hard}}) as Docker's Ulimits, by name. */
  static List<dev.jcompose.api.model.Ulimit> ulimits(ServiceConfig s) {
    if (s.ulimits().isEmpty()) {
      return null;
    }
    List<dev.jcompose.api.model.Ulimit> out = new ArrayList<>();
    new TreeMap<>(s.ulimits()).forEach((name, u) -> out.add(new dev.jcompose.api.model.Ulimit(name, u.soft(), u.hard())));
    return out;
  }

  /** Compose's {@code devices} as Docker's Devices (PathOnHost, PathInContainer, CgroupPermissions). */
  static List<dev.jcompose.api.model.DeviceMapping> devices(ServiceConfig s) {
    if (s.devices().isEmpty()) {
      return null;
    }
    return s.devices().stream()
        .map(d -> new dev.jcompose.api.model.DeviceMapping(d.source(), d.target(), d.permissions())).toList();
  }

  /** Compose's {@code logging} as Docker's LogConfig; the driver defaults to the engine's (json-file). */
  static dev.jcompose.api.model.LogConfig logConfig(ServiceConfig s) {
    if (s.logging() == null) {
      return null;
    }
    return new dev.jcompose.api.model.LogConfig(s.logging().driver(),
        s.logging().options().isEmpty() ? null : new TreeMap<>(s.logging().options()));
  }

  /** Compose's healthcheck as Docker's Config.Healthcheck (durations in nanoseconds); disable means {@code ["NONE"]}. */
  static HealthConfig healthConfig(dev.jcompose.compose.model.HealthCheck h) {
    if (h == null) {
      return null;
    }
    if (h.disable()) {
      return new HealthConfig(List.of("NONE"), null, null, null, null, null);
    }
    return new HealthConfig(h.test().isEmpty() ? null : h.test(), nanos(h.interval()), nanos(h.timeout()), nanos(h.startPeriod()),
        nanos(h.startInterval()), h.retries());
  }

  private static Long nanos(java.time.Duration d) {
    return d == null ? null : d.toNanos();
  }

  /**
   * {@code network_mode}, {@code ipc} or {@code pid} as Docker's mode: {@code service:X} becomes
   * {@code container:<first container of X>}. {@link ServiceConverger} resolves it to the running
   * container's id before this runs (as Compose does, so the config hash changes when X is
   * recreated); here, without an engine, it is that container's name.
   */
  static String namespaceMode(Project p, ServiceConfig s, String key, String mode) {
    if (mode == null || !mode.startsWith("service:")) {
      return mode;
    }
    String name = mode.substring("service:".length());
    ServiceConfig owner = p.service(name).orElseThrow(() -> new UserFacingException("service \"" + s.name() + "\": " + key + ": "
        + mode + " names \"" + name + "\", which is not a service of this project"));
    return "container:" + containerName(p, owner, 1);
  }

  /**
   * Compose's {@code links} ("service[:alias]") as Docker's {@code HostConfig.Links}
   * ("container:alias"), one per container of the linked service: the engine makes the alias
   * resolve to that container for the linking container only.
   */
  static List<String> links(Project p, ServiceConfig s) {
    if (s.links().isEmpty()) {
      return null;
    }
    List<String> out = new ArrayList<>();
    for (String link : s.links()) {
      String[] parts = link.split(":", 2);
      ServiceConfig target = p.service(parts[0]).orElseThrow(() -> new UserFacingException("service \"" + s.name()
          + "\": links names \"" + parts[0] + "\", which is not a service of this project"));
      String alias = parts.length == 2 ? parts[1] : parts[0];
      for (int i = 1; i <= Math.max(1, target.scale()); i++) {
        out.add(containerName(p, target, i) + ":" + alias);
      }
    }
    return out;
  }

  /** Compose's {@code volumes_from} (service[:mode] or container:name[:mode]) as Docker's "container[:mode]". */
  static List<String> volumesFrom(Project p, ServiceConfig s) {
    if (s.volumesFrom().isEmpty()) {
      return null;
    }
    List<String> out = new ArrayList<>();
    for (String v : s.volumesFrom()) {
      if (v.startsWith("container:")) {
        out.add(v.substring("container:".length()));
        continue;
      }
      String[] parts = v.split(":", 2);
      ServiceConfig source = p.service(parts[0]).orElseThrow(() -> new UserFacingException("service \"" + s.name()
          + "\": volumes_from names \"" + parts[0] + "\", which is not a service of this project"));
      out.add(containerName(p, source, 1) + (parts.length == 2 ? ":" + parts[1] : ""));
    }
    return out;
  }

  /** The engine-side name of a top-level network key. */
  public static String networkName(Project p, String key) {
    NetworkConfig n = p.networks().get(key);
    return n == null ? p.name() + "_" + key : n.name();
  }

  static String volumeName(Project p, ServiceConfig s, String key) {
    VolumeConfig v = p.volumes().get(key);
    if (v == null) {
      throw new UserFacingException("service \"" + s.name() + "\" refers to undefined volume " + key
          + ": declare it under the top-level volumes: key");
    }
    return v.name();
  }

  private static List<String> expandPublished(ServiceConfig s, PortConfig port) {
    String pub = port.published();
    if (pub == null || pub.isEmpty()) {
      return List.of("");
    }
    if (!pub.contains("-")) {
      return List.of(pub);
    }
    String[] r = pub.split("-", 2);
    int lo = Integer.parseInt(r[0]);
    int hi = Integer.parseInt(r[1]);
    if (s.scale() <= 1) {
      return List.of(Integer.toString(lo)); // a range for one container: Compose takes the first free; we take the first
    }
    List<String> out = new ArrayList<>();
    for (int i = lo; i <= hi; i++) {
      out.add(Integer.toString(i));
    }
    return out;
  }

  private static RestartPolicy restartPolicy(String restart) {
    String[] parts = restart.split(":", 2);
    return new RestartPolicy(parts[0], parts.length == 2 ? Integer.parseInt(parts[1]) : null);
  }

  static String hash(ContainerCreateRequest r) {
    try {
      byte[] json = Json.mapper().writeValueAsBytes(r);
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(json));
    } catch (JsonProcessingException | NoSuchAlgorithmException e) {
      throw new IllegalStateException("cannot hash the container config", e);
    }
  }

  static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }
}
