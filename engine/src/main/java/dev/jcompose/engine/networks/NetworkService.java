package dev.jcompose.engine.networks;

import dev.jcompose.api.model.IdResponse;
import dev.jcompose.api.model.Ipam;
import dev.jcompose.api.model.NetworkCreateRequest;
import dev.jcompose.api.model.NetworkResource;
import dev.jcompose.engine.Filters;
import dev.jcompose.engine.StateStore;
import dev.jcompose.engine.http.ApiException;
import dev.jcompose.linux.HostCommandException;
import dev.jcompose.network.AddressAllocator;
import dev.jcompose.network.BridgeNetworkDriver;
import dev.jcompose.network.EmbeddedDns;
import dev.jcompose.network.NetworkReach;
import dev.jcompose.network.Ipv4Address;
import dev.jcompose.network.Ipv4Cidr;
import dev.jcompose.network.NetworkException;
import dev.jcompose.network.SubnetAllocator;
import dev.jcompose.network.SubnetAssignment;
import dev.jcompose.network.MacAddresses;
import dev.jcompose.network.VethNames;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * The {@code /networks} API: bridge networks with their subnets, and the endpoints containers
 * get on them when they start. A network's host bridge exists from create to remove.
 */
public final class NetworkService {
  /** Docker's default network, created on first use. */
  public static final String DEFAULT_BRIDGE = "bridge";
  private static final SecureRandom RANDOM = new SecureRandom();

  private final Path dir;
  private final BridgeNetworkDriver driver;
  private final SubnetAllocator subnets;
  private final Map<String, NetworkRecord> networks = new ConcurrentHashMap<>();
  private final Map<String, AddressAllocator> addresses = new ConcurrentHashMap<>();
  private Supplier<Collection<AttachedContainer>> containers = List::of;
  private EmbeddedDns dns = EmbeddedDns.disabled();

  public NetworkService(Path stateRoot, BridgeNetworkDriver driver, SubnetAllocator subnets) {
    this.dir = stateRoot.resolve("networks");
    this.driver = driver;
    this.subnets = subnets;
    for (NetworkRecord n : StateStore.readAll(dir, "network.json", NetworkRecord.class)) {
      networks.put(n.id(), n);
      addresses.put(n.id(), allocatorFor(n));
    }
  }

  /** Tells the service where to find containers' endpoints (the container service, which depends on this one). */
  private volatile java.util.function.Consumer<dev.jcompose.engine.events.EngineEvent> events = e -> { };

  public void setEvents(java.util.function.Consumer<dev.jcompose.engine.events.EngineEvent> events) {
    this.events = events;
  }

  private void event(NetworkRecord n, String action) {
    Map<String, String> attrs = new java.util.TreeMap<>(n.labels());
    attrs.put("name", n.name());
    attrs.put("type", n.driver());
    events.accept(dev.jcompose.engine.events.EngineEvent.of("network", action, n.id(), attrs));
  }

  public void setContainers(Supplier<Collection<AttachedContainer>> containers) {
    this.containers = containers;
  }

  /** The embedded DNS server: it answers on each user network's gateway from the endpoints attached here. */
  public void setDns(EmbeddedDns dns) {
    this.dns = dns;
  }

  /** The nameserver for a container on these networks (in order), when the embedded DNS server serves one of them. */
  public Optional<String> nameserverFor(List<String> networkNames) {
    List<Ipv4Address> gateways = networkNames.stream().map(this::find).flatMap(Optional::stream)
        .filter(n -> !n.name().equals(DEFAULT_BRIDGE)).map(n -> Ipv4Address.parse(n.gateway())).toList();
    return dns.nameserverFor(gateways).map(Ipv4Address::toString);
  }

  private static NetworkReach reachOf(NetworkRecord n) {
    return n.internal() ? NetworkReach.INTERNAL : NetworkReach.EXTERNAL;
  }

  /** Docker's default bridge has no embedded DNS: its containers resolve through the host's nameservers. */
  private void serveDns(NetworkRecord n) {
    if (!n.name().equals(DEFAULT_BRIDGE)) {
      dns.serve(n.name(), Ipv4Address.parse(n.gateway()));
    }
  }

  /** Re-creates the host bridges of known networks (after a host reboot) and re-reserves live addresses. */
  public void restore() {
    for (NetworkRecord n : networks.values()) {
      driver.createBridge(n.bridgeName(), Ipv4Cidr.parse(n.subnet()), Ipv4Address.parse(n.gateway()), reachOf(n));
      serveDns(n);
    }
    for (AttachedContainer c : containers.get()) {
      for (Endpoint e : c.endpoints().values()) {
        AddressAllocator a = addresses.get(e.networkId());
        if (a != null) {
          a.reserve(Ipv4Address.parse(e.ipAddress()));
          dns.register(c.id(), e.networkId(), Ipv4Address.parse(e.ipAddress()), e.aliases());
        }
      }
    }
  }

  public synchronized IdResponse create(NetworkCreateRequest req) {
    if (req.name() == null || req.name().isBlank()) {
      throw ApiException.badRequest("a network needs a name");
    }
    if (find(req.name()).isPresent()) {
      throw ApiException.conflict("network with name " + req.name() + " already exists");
    }
    String driverName = req.driver() == null || req.driver().isEmpty() ? "bridge" : req.driver();
    if (!driverName.equals("bridge")) {
      throw ApiException.badRequest("network " + req.name() + ": driver \"" + driverName
          + "\" is not supported: jcompose has only the \"bridge\" driver");
    }
    Ipam.Config cfg = req.ipam() == null || req.ipam().config() == null || req.ipam().config().isEmpty()
        ? null : req.ipam().config().get(0);
    SubnetAssignment assigned;
    try {
      Set<Ipv4Cidr> used = networks.values().stream().map(n -> Ipv4Cidr.parse(n.subnet())).collect(Collectors.toSet());
      assigned = cfg != null && cfg.subnet() != null
          ? subnets.requested(cfg.subnet(), cfg.gateway(), used)
          : subnets.allocate(used, driver.hostRoutes());
    } catch (NetworkException e) {
      throw e.kind() == NetworkException.Kind.CONFLICT
          ? ApiException.conflict("network " + req.name() + ": " + e.getMessage())
          : ApiException.badRequest("network " + req.name() + ": " + e.getMessage());
    } catch (IllegalArgumentException e) {
      throw ApiException.badRequest("network " + req.name() + ": " + e.getMessage());
    }
    Ipv4Cidr subnet = assigned.subnet();
    Ipv4Address gateway = assigned.gateway();
    String id = randomId();
    NetworkRecord n = new NetworkRecord(id, req.name(), "bridge", "jcbr-" + id.substring(0, 10), subnet.toString(), gateway.toString(),
        Boolean.TRUE.equals(req.internal()), Boolean.TRUE.equals(req.attachable()), req.labels(), req.options(), Instant.now());
    // the record first: an engine killed while the bridge is made finds it at restart (restore makes
    // the bridge again, remove takes it), where a bridge made first would be nobody's
    StateStore.write(dir.resolve(id).resolve("network.json"), n);
    try {
      driver.createBridge(n.bridgeName(), subnet, gateway, reachOf(n));
    } catch (NetworkException | HostCommandException e) {
      safeRemoveBridge(n.bridgeName());
      deleteRecord(n);
      throw new ApiException(500, "failed to create network " + req.name() + ": " + e.getMessage(), e);
    }
    networks.put(id, n);
    addresses.put(id, allocatorFor(n));
    serveDns(n);
    event(n, "create");
    return new IdResponse(id, List.of());
  }

  /** Finds a network by full id, name or unique id prefix. */
  public Optional<NetworkRecord> find(String idOrName) {
    NetworkRecord byId = networks.get(idOrName);
    if (byId != null) {
      return Optional.of(byId);
    }
    Optional<NetworkRecord> byName = networks.values().stream().filter(n -> n.name().equals(idOrName)).findFirst();
    if (byName.isPresent()) {
      return byName;
    }
    List<NetworkRecord> prefix = networks.values().stream().filter(n -> n.id().startsWith(idOrName)).toList();
    return prefix.size() == 1 ? Optional.of(prefix.get(0)) : Optional.empty();
  }

  public NetworkRecord require(String idOrName) {
    if (idOrName.equals(DEFAULT_BRIDGE) && find(idOrName).isEmpty()) {
      create(new NetworkCreateRequest(DEFAULT_BRIDGE, true, "bridge", false, false, null, Map.of(), Map.of()));
    }
    return find(idOrName).orElseThrow(() -> ApiException.notFound("network " + idOrName + " not found"));
  }

  public List<NetworkResource> list(Filters filters) {
    return networks.values().stream()
        .filter(n -> filters.matchesLabels(n.labels()))
        .filter(n -> filters.matchesAny("name", v -> n.name().contains(v)))
        .filter(n -> filters.matchesAny("id", v -> n.id().startsWith(v)))
        .sorted((a, b) -> a.name().compareTo(b.name()))
        .map(this::toApi).toList();
  }

  public NetworkResource inspect(String idOrName) {
    return toApi(require(idOrName));
  }

  public synchronized void remove(String idOrName) {
    NetworkRecord n = find(idOrName).orElseThrow(() -> ApiException.notFound("network " + idOrName + " not found"));
    List<String> users = containersOn(n.id()).stream().map(AttachedContainer::name).sorted().toList();
    if (!users.isEmpty()) {
      throw ApiException.conflict("error while removing network: network " + n.name() + " id " + n.id()
          + " has active endpoints (" + String.join(", ", users) + ")");
    }
    try {
      dns.stop(n.id(), Ipv4Address.parse(n.gateway()));
      driver.removeBridge(n.bridgeName());
    } catch (NetworkException | HostCommandException e) {
      throw new ApiException(500, "failed to remove network " + n.name() + ": " + e.getMessage(), e);
    }
    networks.remove(n.id());
    addresses.remove(n.id());
    event(n, "destroy");
    deleteRecord(n);
  }

  private void deleteRecord(NetworkRecord n) {
    try {
      Files.deleteIfExists(dir.resolve(n.id()).resolve("network.json"));
      Files.deleteIfExists(dir.resolve(n.id()));
    } catch (IOException e) {
      throw new UncheckedIOException("network " + n.name() + " was removed, but its state file " + dir.resolve(n.id())
          + " could not be: " + e.getMessage() + "; delete it by hand", e);
    }
  }

  /**
   * Gives a starting container an address on {@code network} and plugs a veth into its network
   * namespace ({@code pid}). The interface is eth{@code index}.
   */
  public Endpoint attach(long pid, String network, int index, List<String> aliases, String requestedIp) {
    NetworkRecord n = require(network);
    AddressAllocator alloc = addresses.get(n.id());
    Ipv4Cidr address;
    try {
      address = requestedIp == null || requestedIp.isEmpty() ? alloc.allocate() : alloc.allocate(Ipv4Address.parse(requestedIp));
    } catch (IllegalArgumentException | NetworkException e) {
      throw ApiException.badRequest("network " + n.name() + ": " + e.getMessage());
    }
    String veth = VethNames.newHostName();
    String mac = MacAddresses.forIp(address.address());
    try {
      // only the first network gives the default route, as in Docker; an internal network gives none
      driver.attach(pid, n.bridgeName(), veth, "eth" + index, address,
          index == 0 && !n.internal() ? Ipv4Address.parse(n.gateway()) : null, mac);
    } catch (RuntimeException e) {
      alloc.release(address.address());
      throw new ApiException(500, "failed to connect the container to network " + n.name() + ": " + e.getMessage(), e);
    }
    // all endpoints of one container share its process id: that is how a container on several
    // networks sees the names of each of them
    dns.register("pid:" + pid, n.id(), address.address(), aliases);
    return new Endpoint(n.id(), n.name(), randomId(), address.address().toString(), address.prefixLength(), n.gateway(), mac, aliases, veth);
  }

  /** Returns a stopped container's address to the pool and takes its names out of DNS; its veth went with its network namespace. */
  public void release(Endpoint e) {
    AddressAllocator a = addresses.get(e.networkId());
    if (a != null) {
      a.release(Ipv4Address.parse(e.ipAddress()));
    }
    dns.unregister(e.networkId(), Ipv4Address.parse(e.ipAddress()));
  }

  /**
   * The resolver settings of a started container (all endpoints of process {@code pid}): its link
   * aliases (alias → container name) and its own nameservers ({@code HostConfig.Dns}), which the
   * embedded server asks instead of the host's. Forgotten with its last endpoint.
   */
  public void configureResolver(long pid, Map<String, String> links, List<String> dnsServers) {
    configureResolver("pid:" + pid, links, dnsServers);
  }

  /**
   * As {@link #configureResolver(long, Map, List)}, for a container found running after an engine
   * restart: {@link #restore} registered its endpoints under its id.
   */
  public void configureResolverAfterRestore(String containerId, Map<String, String> links, List<String> dnsServers) {
    configureResolver(containerId, links, dnsServers);
  }

  private void configureResolver(String containerKey, Map<String, String> links, List<String> dnsServers) {
    if (links.isEmpty() && dnsServers.isEmpty()) {
      return;
    }
    String servers = dnsServers.stream().map(d -> "nameserver " + d).collect(Collectors.joining("\n"));
    dns.configure(containerKey, new dev.jcompose.network.DnsNameRegistry.ResolverSettings(links,
        dev.jcompose.network.DnsUpstreams.fromResolvConf(servers)));
  }

  /**
   * As {@link #release}, and deletes the endpoint's veth pair at once, as Docker does, rather than
   * waiting for the network namespace to end: others may have joined it ({@code network_mode:
   * container:X}; they keep it, with only {@code lo} left), and a busy kernel ends namespaces late.
   */
  public void releaseAndDetach(Endpoint e) {
    release(e);
    if (e.hostVeth() == null) {
      return;
    }
    try {
      driver.detach(e.hostVeth());
    } catch (RuntimeException ex) {
      java.util.logging.Logger.getLogger(NetworkService.class.getName())
          .warning("could not delete veth " + e.hostVeth() + ": " + ex.getMessage());
    }
  }

  public List<AttachedContainer> containersOn(String networkId) {
    List<AttachedContainer> out = new ArrayList<>();
    for (AttachedContainer c : containers.get()) {
      if (c.endpoints().values().stream().anyMatch(e -> e.networkId().equals(networkId))) {
        out.add(c);
      }
    }
    return out;
  }

  private static AddressAllocator allocatorFor(NetworkRecord n) {
    return new AddressAllocator(new SubnetAssignment(Ipv4Cidr.parse(n.subnet()), Ipv4Address.parse(n.gateway())), List.of());
  }

  private NetworkResource toApi(NetworkRecord n) {
    Map<String, NetworkResource.NetworkContainer> members = new LinkedHashMap<>();
    for (AttachedContainer c : containersOn(n.id())) {
      Endpoint e = c.endpoints().values().stream().filter(x -> x.networkId().equals(n.id())).findFirst().orElseThrow();
      members.put(c.id(), new NetworkResource.NetworkContainer(c.name(), e.endpointId(), e.macAddress(), e.ipAddress() + "/" + e.prefixLength()));
    }
    return new NetworkResource(n.name(), n.id(), n.created().toString(), "local", n.driver(), n.internal(), n.attachable(),
        new Ipam("default", List.of(new Ipam.Config(n.subnet(), n.gateway(), null))), members, n.labels(),
        Map.of("com.docker.network.bridge.name", n.bridgeName()));
  }

  private void safeRemoveBridge(String bridge) {
    try {
      driver.removeBridge(bridge);
    } catch (RuntimeException ignored) {
      // best effort after a failed create; the original error is what the user needs
    }
  }

  static String randomId() {
    byte[] b = new byte[32];
    RANDOM.nextBytes(b);
    return HexFormat.of().formatHex(b);
  }
}
