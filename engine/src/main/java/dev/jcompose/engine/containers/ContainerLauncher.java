package dev.jcompose.engine.containers;

import dev.jcompose.runtime.UserSpec;
import dev.jcompose.api.model.ContainerCreateRequest;
import dev.jcompose.api.model.EndpointSettings;
import dev.jcompose.api.model.HostConfig;
import dev.jcompose.engine.http.ApiException;
import dev.jcompose.engine.images.ImageService;
import dev.jcompose.engine.networks.Endpoint;
import dev.jcompose.engine.networks.NetworkService;
import dev.jcompose.image.Image;
import dev.jcompose.image.ImageConfig;
import dev.jcompose.network.HostsEntry;
import dev.jcompose.network.ContainerResolvConf;
import dev.jcompose.network.HostsFile;
import dev.jcompose.network.Ipv4Address;
import dev.jcompose.runtime.ContainerRuntime;
import dev.jcompose.runtime.ContainerSpec;
import dev.jcompose.runtime.Device;
import dev.jcompose.runtime.ExitStatus;
import dev.jcompose.runtime.MountSpec;
import dev.jcompose.runtime.NamespaceJoin;
import dev.jcompose.runtime.PreparedContainer;
import dev.jcompose.runtime.Resources;
import dev.jcompose.runtime.RunningContainer;
import dev.jcompose.runtime.RuntimeSetupException;
import dev.jcompose.runtime.SecurityOptions;
import dev.jcompose.runtime.RuntimeOptions;
import dev.jcompose.runtime.Ulimit;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Starts a created container: resolves what it runs, prepares its mounts, asks the runtime for a
 * process in new namespaces, plugs it into its networks and publishes its ports, then lets it
 * run. Undoes every step when a later one fails, so a failed start leaves nothing behind.
 */
final class ContainerLauncher {
  private static final Logger LOG = Logger.getLogger(ContainerLauncher.class.getName());
  private final ContainerRuntime runtime;
  private final NetworkService networks;
  private final MountPlanner mounts;
  private final PortPublisher ports;
  private final Function<ContainerRecord, List<Container>> peers;
  /** Finds a container by id, name or id prefix (ApiException 404 when none), and lists them all: for shared namespaces. */
  private volatile Function<String, Container> lookup = x -> {
    throw ApiException.notFound("No such container: " + x);
  };
  private volatile java.util.function.Supplier<java.util.Collection<Container>> all = List::of;

  ContainerLauncher(ContainerRuntime runtime, NetworkService networks, MountPlanner mounts, PortPublisher ports,
      Function<ContainerRecord, List<Container>> peers) {
    this.runtime = runtime;
    this.networks = networks;
    this.mounts = mounts;
    this.ports = ports;
    this.peers = peers;
  }

  void setContainers(Function<String, Container> byIdOrName, java.util.function.Supplier<java.util.Collection<Container>> every) {
    this.lookup = byIdOrName;
    this.all = every;
  }

  RunningContainer start(Container c, Image image) {
    ContainerRecord r = c.record();
    ContainerCreateRequest cfg = r.config();
    ImageConfig.Config ic = image.config().config() == null ? ImageConfig.Config.empty() : image.config().config();
    List<String> argv = ProcessArgs.argv(cfg.entrypoint(), cfg.cmd(), ic.entrypoint(), ic.cmd());
    if (argv.isEmpty()) {
      throw ApiException.badRequest("no command specified: the image " + r.imageName() + " has no Cmd or Entrypoint and the container sets none");
    }
    UserSpec user;
    try {
      user = UserSpec.resolve(cfg.user() != null && !cfg.user().isEmpty() ? cfg.user() : ic.user(), image.lowerDirsTopFirst());
    } catch (IllegalArgumentException e) {
      throw ApiException.badRequest(e.getMessage());
    }
    HostConfig hc = cfg.hostConfig() == null ? HostConfig.empty() : cfg.hostConfig();
    // network_mode/ipc/pid "container:X": X must be running now (Docker's checks and messages)
    SharedNamespaces.Owners owners = SharedNamespaces.resolve(r, hc, lookup);
    // in another's network namespace the hostname is the owner's, as Docker sets it
    String hostname = owners.net() != null ? owners.net().record().hostname() : r.hostname();
    Path stateDir = c.stateDir();
    String workingDir = cfg.workingDir() != null && !cfg.workingDir().isEmpty() ? cfg.workingDir()
        : ic.workingDir() != null && !ic.workingDir().isEmpty() ? ic.workingDir() : "/";
    List<MountSpec> mountSpecs = new ArrayList<>(mounts.prepare(r.id(), r.mounts(), image.layerDirs()));
    PreparedContainer prepared;
    try {
      mountSpecs.addAll(owners.net() != null ? ownerEtcFiles(owners.net()) : etcFiles(r, stateDir));
      // IpcMode container:X shares X's System V IPC; unlike Docker, not X's /dev/shm (a mount of X's mount
      // namespace cannot be bind-mounted from another one; Docker keeps the shm tmpfs on the host for that)
      boolean hostNetwork = "host".equals(hc.networkMode());
      ContainerSpec spec = new ContainerSpec(r.id(), hostname, image.lowerDirsTopFirst(), stateDir, argv,
          ProcessArgs.env(ic.env(), cfg.env(), hostname), workingDir, user.uid(), user.gid(), mountSpecs, resources(hc),
          !hostNetwork && owners.net() == null)
          .withSecurity(security(hc))
          .withInit(Boolean.TRUE.equals(hc.init())) // compose "init: true": jc-init as PID 1 reaps and forwards signals
          .withSharedNamespaces(namespaceJoins(owners))
          .withRuntimeOptions(runtimeOptions(hc, cfg.user() != null && !cfg.user().isEmpty() ? cfg.user() : ic.user(),
              image.lowerDirsTopFirst(), !hostNetwork && owners.net() == null));

      prepared = runtime.prepare(spec);
    } catch (RuntimeSetupException e) {
      mounts.release(r.id(), r.mounts());
      c.update(r.withState(r.state().failed(e.getMessage(), 127)));
      throw new ApiException(500, "failed to create the container process: " + e.getMessage(), e);
    } catch (IllegalArgumentException e) { // a device that is gone from the host, a profile the runtime refuses
      mounts.release(r.id(), r.mounts());
      c.update(r.withState(r.state().failed(e.getMessage(), 127)));
      throw ApiException.badRequest("cannot start container " + r.name() + ": " + e.getMessage());
    } catch (RuntimeException e) {
      mounts.release(r.id(), r.mounts()); // the volumes mounted for it are let go
      throw e;
    }
    Map<String, Endpoint> endpoints = new LinkedHashMap<>();
    List<ContainerRecord.PublishedPort> published = List.of();
    try {
      int index = 0;
      for (String net : r.networks()) {
        endpoints.put(net, networks.attach(prepared.pid(), net, index++, aliases(r, net), requestedIp(r, net)));
      }
      if (!endpoints.isEmpty()) {
        networks.configureResolver(prepared.pid(), linkAliases(hc), hc.dns() == null ? List.of() : hc.dns());
      }
      published = ports.publish(r.id(), r.name(), hc.portBindings(), endpoints.values().stream().findFirst().orElse(null));
      c.update(r.withNetworkState(endpoints, published));
      writeHosts(c);
      RunningContainer running = prepared.start();
      c.update(c.record().withState(r.state().running(running.pid(), running.monitorPid(), Instant.now())));
      refreshPeers(c.record());
      return running;
    } catch (RuntimeException e) {
      prepared.abort();
      undoNetwork(r.id(), endpoints);
      runtime.release(r.id(), stateDir); // abort took the cgroup; the writable layer of a container that ran before stays
      mounts.release(r.id(), r.mounts());
      String why = e instanceof RuntimeSetupException ? "OCI runtime create failed: " + e.getMessage() : e.getMessage();
      c.update(c.record().withNetworkState(Map.of(), List.of()).withState(r.state().failed(why, 127)));
      if (e instanceof ApiException api) {
        throw api;
      }
      throw new ApiException(e instanceof RuntimeSetupException ? 400 : 500, "failed to start container " + r.name() + ": " + why, e);
    }
  }

  /** The runtime handle of a container that was running when the engine stopped; it completes at once if it has exited since. */
  RunningContainer reattach(Container c) {
    RunState s = c.record().state();
    RunningContainer running = runtime.reattach(c.stateDir(), s.pid(), s.monitorPid());
    ports.adopt(c.record()); // the port proxy's sockets died with the old engine
    HostConfig hc = c.record().config().hostConfig();
    if (hc != null && !c.record().endpoints().isEmpty()) { // link aliases and dns servers live in the engine's memory only
      networks.configureResolverAfterRestore(c.record().id(), linkAliases(hc), hc.dns() == null ? List.of() : hc.dns());
    }
    return running;
  }

  /**
   * For a container the restarted engine does not know as running: ends what a start the old
   * engine never finished left behind (processes, cgroup, veths, published ports, addresses) and
   * records the start as failed, so that {@code start} or {@code rm} find a clean container.
   */
  void recoverInterruptedStart(Container c, List<Long> helperPids) {
    ContainerRecord r = c.record();
    try {
      runtime.abandon(r.id(), c.stateDir(), helperPids); // a cgroup left alone goes too
    } catch (RuntimeException e) {
      LOG.log(Level.WARNING, "could not end what the interrupted start of container " + r.name() + " left; "
          + "remove it with rm -f, or see " + c.stateDir().resolve("helper.log"), e);
    }
    if (helperPids.isEmpty() && r.endpoints().isEmpty() && r.ports().isEmpty()) {
      return; // no start was under way: the recorded state stands
    }
    LOG.info("container " + r.name() + " was being started when the engine stopped: its processes, cgroup and network set-up were removed");
    undoNetwork(r.id(), r.endpoints());
    c.update(r.withNetworkState(Map.of(), List.of())
        .withState(r.state().failed("the engine stopped while it was starting the container; start it again", 255)));
  }

  /** What to record when the monitor left no readable exit status (it was killed): Docker's 255. */
  static ExitStatus unknownExit() {
    return new ExitStatus(255, 0, false, Instant.now());
  }

  /** Records the exit and gives back what the running container held: addresses, ports, cgroups. */
  void cleanupAfterExit(Container c, ExitStatus s) {
    ContainerRecord r = c.record();
    undoNetwork(r.id(), r.endpoints(), hasRunningJoiners(r));
    try {
      runtime.release(r.id(), c.stateDir()); // the writable layer stays until the container is removed, as in Docker
    } catch (RuntimeException e) {
      LOG.log(Level.WARNING, "cleaning up after container " + r.name() + " failed", e);
    }
    mounts.release(r.id(), r.mounts()); // volumes with driver options are unmounted by their last user
    c.update(r.withNetworkState(Map.of(), List.of()).withState(r.state().exited(s.exitCode(), s.oomKilled(), s.finishedAt())));
    refreshPeers(c.record());
  }

  void signal(RunningContainer running, int signal) {
    runtime.kill(running.pid(), signal);
  }

  List<String> argvOf(ContainerRecord r, ImageService images) {
    ContainerCreateRequest cfg = r.config();
    try {
      Image image = images.require(r.imageId());
      ImageConfig.Config ic = image.config().config() == null ? ImageConfig.Config.empty() : image.config().config();
      return ProcessArgs.argv(cfg.entrypoint(), cfg.cmd(), ic.entrypoint(), ic.cmd());
    } catch (ApiException e) {
      return ProcessArgs.argv(cfg.entrypoint(), cfg.cmd(), null, null);
    }
  }

  private void undoNetwork(String id, Map<String, Endpoint> endpoints) {
    undoNetwork(id, endpoints, false);
  }

  /** @param namespaceLivesOn other containers joined the network namespace (the veths are deleted either way) */
  private void undoNetwork(String id, Map<String, Endpoint> endpoints, boolean namespaceLivesOn) {
    try {
      ports.unpublish(id);
    } catch (RuntimeException e) {
      LOG.log(Level.WARNING, "unpublishing the ports of " + id + " failed", e);
    }
    // the veth is deleted now, not left to the namespace's end: a namespace that something still
    // holds (joiners, or the kernel's deferred cleanup on a busy host) would keep it, as Docker deletes it too
    endpoints.values().forEach(networks::releaseAndDetach);
  }

  /** Whether a running container is in {@code r}'s network namespace (network_mode container:r). */
  private boolean hasRunningJoiners(ContainerRecord r) {
    for (Container other : all.get()) {
      ContainerRecord o = other.record();
      HostConfig h = o.config().hostConfig();
      if (o.id().equals(r.id()) || !o.state().isRunning() || h == null) {
        continue;
      }
      Optional<String> owner = SharedNamespaces.containerOf(h.networkMode());
      try {
        if (owner.isPresent() && lookup.apply(owner.get()).record().id().equals(r.id())) {
          return true;
        }
      } catch (ApiException e) {
        // the owner it names is gone: not r
      }
    }
    return false;
  }

  /** The namespaces joined instead of new ones: the owners' (by their init's pid) and the host's. */
  private static List<NamespaceJoin> namespaceJoins(SharedNamespaces.Owners owners) {
    List<NamespaceJoin> joins = new ArrayList<>();
    if (owners.net() != null) {
      joins.add(NamespaceJoin.ofProcess("net", owners.net().record().state().pid()));
    }
    if (owners.ipc() != null) {
      joins.add(NamespaceJoin.ofProcess("ipc", owners.ipc().record().state().pid()));
    } else if (owners.hostIpc()) {
      joins.add(NamespaceJoin.host("ipc"));
    }
    if (owners.pid() != null) {
      joins.add(NamespaceJoin.ofProcess("pid", owners.pid().record().state().pid()));
    } else if (owners.hostPid()) {
      joins.add(NamespaceJoin.host("pid"));
    }
    return joins;
  }

  /**
   * {@code HostConfig.Links} ("container:alias", Compose's {@code links}) as alias → container name
   * for the embedded DNS server; a link without alias is the container's own name.
   */
  static Map<String, String> linkAliases(HostConfig hc) {
    Map<String, String> out = new LinkedHashMap<>();
    if (hc.links() != null) {
      for (String link : hc.links()) {
        String[] parts = link.replaceFirst("^/", "").split(":", 2);
        String alias = parts.length == 2 ? parts[1].substring(parts[1].lastIndexOf('/') + 1) : parts[0];
        out.putIfAbsent(alias, parts[0]);
      }
    }
    return out;
  }

  /** A container in another's network namespace sees the owner's /etc/hosts, /etc/hostname and /etc/resolv.conf. */
  private static List<MountSpec> ownerEtcFiles(Container owner) {
    Path dir = owner.stateDir();
    return List.of(
        MountSpec.bind(dir.resolve("hosts").toString(), "/etc/hosts", false),
        MountSpec.bind(dir.resolve("hostname").toString(), "/etc/hostname", false),
        MountSpec.bind(dir.resolve("resolv.conf").toString(), "/etc/resolv.conf", false));
  }

  /** CapAdd, CapDrop, Privileged and SecurityOpt's seccomp; an unknown capability name is the client's error. */
  private static SecurityOptions security(HostConfig hc) {
    SecurityOptions options = new SecurityOptions(hc.capAdd(), hc.capDrop(), Boolean.TRUE.equals(hc.privileged()),
        SecurityOpts.of(hc.securityOpt()).seccomp());
    try {
      options.capabilities();
    } catch (IllegalArgumentException e) {
      throw ApiException.badRequest(e.getMessage());
    }
    return options;
  }

  /**
   * ReadonlyRootfs, ShmSize, Sysctls, Ulimits, GroupAdd (with the user's groups from the image's
   * /etc/group, as Docker) and OomScoreAdj; what Docker refuses is the client's error (400).
   */
  static RuntimeOptions runtimeOptions(HostConfig hc, String user, List<Path> layersTopFirst, boolean ownNetwork) {
    try {
      Map<String, String> sysctls = hc.sysctls() == null ? Map.of() : hc.sysctls();
      RuntimeOptions.checkSysctls(sysctls, ownNetwork);
      List<Ulimit> ulimits = new ArrayList<>();
      if (hc.ulimits() != null) {
        for (dev.jcompose.api.model.Ulimit u : hc.ulimits()) {
          long soft = u.soft() == null ? 0 : u.soft();
          ulimits.add(new Ulimit(u.name(), soft, u.hard() == null ? soft : u.hard()));
        }
      }
      LogOptions log = LogOptions.of(hc.logConfig());
      return new RuntimeOptions(Boolean.TRUE.equals(hc.readonlyRootfs()), hc.shmSize() == null ? 0 : hc.shmSize(), sysctls, ulimits,
          UserSpec.additionalGids(user, layersTopFirst, hc.groupAdd() == null ? List.of() : hc.groupAdd()), hc.oomScoreAdj(),
          devices(hc), log.maxSize(), log.maxFiles());
    } catch (IllegalArgumentException e) {
      throw ApiException.badRequest(e.getMessage());
    }
  }

  /** Docker's Devices ("PathOnHost", "PathInContainer", "CgroupPermissions"); a bad one is the client's error. */
  static List<Device> devices(HostConfig hc) {
    if (hc.devices() == null) {
      return List.of();
    }
    try {
      return hc.devices().stream().map(d -> new Device(d.pathOnHost(), d.pathInContainer(), d.cgroupPermissions())).toList();
    } catch (IllegalArgumentException | NullPointerException e) {
      throw ApiException.badRequest("invalid Devices entry: " + e.getMessage());
    }
  }

  /**
   * Memory, PidsLimit, NanoCpus, CpuShares, CpusetCpus, CpusetMems, MemoryReservation and MemorySwap;
   * what Docker refuses (swap without memory, swap below memory, a reservation above the limit, a
   * malformed cpuset) is the client's error (400).
   */
  static Resources resources(HostConfig hc) {
    long cpuPeriod = 100_000;
    long quota = hc.nanoCpus() == null || hc.nanoCpus() <= 0 ? 0 : hc.nanoCpus() * cpuPeriod / 1_000_000_000L;
    try {
      return new Resources(hc.memory() == null ? 0 : hc.memory(), hc.pidsLimit() == null || hc.pidsLimit() < 0 ? 0 : hc.pidsLimit(),
          quota, quota == 0 ? 0 : cpuPeriod, hc.cpuShares() == null ? 0 : hc.cpuShares(),
          hc.cpusetCpus(), hc.cpusetMems(), hc.memoryReservation() == null ? 0 : hc.memoryReservation(),
          hc.memorySwap() == null ? 0 : hc.memorySwap());
    } catch (IllegalArgumentException e) {
      throw ApiException.badRequest(e.getMessage());
    }
  }

  /**
   * Checks at create what start would refuse, and returns Docker's warnings for what will not be
   * applied (the create response's {@code Warnings}; the CLI prints them).
   *
   * @param swapLimitSupported the host's cgroups can limit swap ({@code CgroupManager.supportsSwapLimit})
   */
  static List<String> checkAtCreate(HostConfig hc, boolean swapLimitSupported) {
    Resources r = resources(hc);
    devices(hc);
    List<String> warnings = new ArrayList<>();
    if (r.memorySwap() != 0 && !swapLimitSupported) {
      // Docker's words; the limit is left out rather than failing the container
      warnings.add("Your kernel does not support swap limit capabilities or the cgroup is not mounted. Memory limited without swap."
          + " (MemorySwap " + r.memorySwap() + " is not applied: boot the kernel with swapaccount=1 to limit swap)");
    }
    try {
      security(hc).checkSeccompProfile();
    } catch (IllegalArgumentException e) {
      throw ApiException.badRequest("invalid security_opt seccomp profile: " + e.getMessage());
    }
    warnings.addAll(LogOptions.of(hc.logConfig()).warnings());
    warnings.addAll(SecurityOpts.of(hc.securityOpt()).warnings());
    return warnings;
  }

  private static List<String> aliases(ContainerRecord r, String net) {
    Set<String> out = new LinkedHashSet<>(ContainerService.aliasesRequested(r, net));
    out.add(r.name()); // Docker's DNS always answers a container's name on its user networks
    if (r.config().hostname() != null && !r.config().hostname().isEmpty()) {
      out.add(r.config().hostname()); // an explicit hostname resolves too
    }
    out.add(r.id().substring(0, 12));
    return new ArrayList<>(out);
  }

  private static String requestedIp(ContainerRecord r, String net) {
    if (r.config().networkingConfig() == null || r.config().networkingConfig().endpointsConfig() == null) {
      return null;
    }
    EndpointSettings e = r.config().networkingConfig().endpointsConfig().get(net);
    return e == null || e.ipamConfig() == null ? null : e.ipamConfig().ipv4Address();
  }

  /** /etc/hosts, /etc/hostname and /etc/resolv.conf, kept in the state dir and bind-mounted, as Docker does. */
  private List<MountSpec> etcFiles(ContainerRecord r, Path stateDir) {
    try {
      Files.createDirectories(stateDir);
      Files.writeString(stateDir.resolve("hostname"), r.hostname() + "\n");
      if (!Files.exists(stateDir.resolve("hosts"))) {
        Files.writeString(stateDir.resolve("hosts"), "");
      }
      // the embedded DNS server on a network's gateway when there is one, else the host's nameservers
      Optional<String> nameserver = networks.nameserverFor(r.networks());
      HostConfig hc = r.config().hostConfig() == null ? HostConfig.empty() : r.config().hostConfig();
      List<String> dns = hc.dns() == null ? List.of() : hc.dns();
      List<String> search = hc.dnsSearch() == null ? List.of() : hc.dnsSearch();
      List<String> options = hc.dnsOptions() == null ? List.of() : hc.dnsOptions();
      // as Docker: with the embedded server, dns: servers are what it forwards to (see NetworkService.configureResolver)
      Files.writeString(stateDir.resolve("resolv.conf"), nameserver.isPresent()
          ? ContainerResolvConf.render(readHostResolvConf(), Ipv4Address.parse(nameserver.get()), search, options, dns)
          : ResolvConf.forContainer(readHostResolvConf(), dns, search, options));
    } catch (IOException e) {
      throw new ApiException(500, "could not write /etc files for container " + r.name() + " in " + stateDir + ": " + e.getMessage(), e);
    }
    return List.of(
        MountSpec.bind(stateDir.resolve("hosts").toString(), "/etc/hosts", false),
        MountSpec.bind(stateDir.resolve("hostname").toString(), "/etc/hostname", false),
        MountSpec.bind(stateDir.resolve("resolv.conf").toString(), "/etc/resolv.conf", false));
  }

  private static String readHostResolvConf() {
    try {
      return Files.readString(Path.of("/etc/resolv.conf"));
    } catch (IOException e) {
      return "";
    }
  }

  /** Rewrites a container's /etc/hosts in place (same inode, so the bind mount sees it). */
  private void writeHosts(Container c) {
    ContainerRecord r = c.record();
    List<HostsEntry> peerEntries = new ArrayList<>();
    for (Container p : peers.apply(r)) {
      ContainerRecord pr = p.record();
      for (Map.Entry<String, Endpoint> e : pr.endpoints().entrySet()) {
        if (r.endpoints().containsKey(e.getKey())) {
          List<String> names = new ArrayList<>(e.getValue().aliases());
          names.add(0, pr.name());
          peerEntries.add(new HostsEntry(e.getValue().ipAddress(), names));
        }
      }
    }
    HostsEntry self = null;
    for (Endpoint e : r.endpoints().values()) {
      List<String> names = new ArrayList<>(List.of(r.hostname(), r.name()));
      names.addAll(e.aliases());
      if (self == null) {
        self = new HostsEntry(e.ipAddress(), names);
      } else {
        peerEntries.add(0, new HostsEntry(e.ipAddress(), names));
      }
    }
    List<HostsEntry> extra = new ArrayList<>();
    HostConfig hc = r.config().hostConfig();
    if (hc != null && hc.extraHosts() != null) {
      hc.extraHosts().forEach(h -> extra.add(HostsEntry.parseExtraHost(h)));
    }
    try {
      Files.writeString(c.stateDir().resolve("hosts"), HostsFile.render(self, peerEntries, extra), StandardOpenOption.CREATE,
          StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING);
    } catch (IOException e) {
      LOG.log(Level.WARNING, "could not update /etc/hosts of " + r.name(), e);
    }
  }

  private void refreshPeers(ContainerRecord r) {
    for (Container p : peers.apply(r)) {
      if (p.record().state().isRunning()) {
        writeHosts(p);
      }
    }
  }

}
