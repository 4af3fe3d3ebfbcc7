package dev.jcompose.engine.containers;

import dev.jcompose.api.model.PortBinding;
import dev.jcompose.engine.http.ApiException;
import dev.jcompose.engine.networks.Endpoint;
import dev.jcompose.network.BridgeNetworkDriver;
import dev.jcompose.network.Ipv4Address;
import dev.jcompose.network.NetworkException;
import dev.jcompose.network.PortMapping;
import dev.jcompose.network.TransportProtocol;
import dev.jcompose.network.proxy.PortProxy;
import dev.jcompose.network.proxy.ProxiedPort;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Publishes a container's {@code PortBindings} ("80/tcp" → 127.0.0.1:8080) on the host, in two
 * layers: the {@link PortProxy} binds every host port itself (which reserves it, so a port held
 * by a program or by another container is refused, naming the holder, before the container's
 * process runs) and forwards what reaches it; the nftables DNAT rules of the bridge driver are
 * the fast path, taking the IPv4 traffic before it reaches the proxy's socket.
 *
 * <p>DNAT can be turned off ({@code -Djcompose.ports.dnat=false} or
 * {@code JCOMPOSE_PORTS_DNAT=false}): then the proxy carries everything, as Docker's userland
 * proxy does. On a host where nftables fails, the proxy alone is used too, with a warning.
 */
final class PortPublisher {
  private static final Logger LOG = Logger.getLogger(PortPublisher.class.getName());
  private static final Ipv4Address NO_ADDRESS_YET = Ipv4Address.parse("0.0.0.0");

  private final BridgeNetworkDriver driver;
  private final PortProxy proxy;
  private final boolean dnat;
  /** Container id → the ports its proxy holds (and the container's name, for messages). */
  private final Map<String, Held> held = new ConcurrentHashMap<>();

  private record Held(String name, List<ProxiedPort> ports) {}

  PortPublisher(BridgeNetworkDriver driver) {
    this(driver, PortProxy.start(), dnatEnabled());
  }

  PortPublisher(BridgeNetworkDriver driver, PortProxy proxy, boolean dnat) {
    this.driver = driver;
    this.proxy = proxy;
    this.dnat = dnat;
  }

  static boolean dnatEnabled() {
    String v = System.getProperty("jcompose.ports.dnat", System.getenv().getOrDefault("JCOMPOSE_PORTS_DNAT", "true"));
    return !v.equalsIgnoreCase("false") && !v.equals("0");
  }

  /**
   * At create: refuses the container when a fixed host port it asks for is taken by a program
   * that is not ours, so a stack fails before anything of it runs. Ports our own containers hold
   * are left to {@link #publish} (a recreated container takes over its predecessor's port).
   */
  void checkAvailable(String containerName, Map<String, List<PortBinding>> bindings) {
    if (bindings == null || bindings.isEmpty()) {
      return;
    }
    for (PortMapping m : mappings(bindings, NO_ADDRESS_YET)) {
      if (m.hostPort() == 0 || holderOf(m, null).isPresent()) {
        continue;
      }
      Optional<NetworkException> taken = proxy.probe(containerName, m);
      if (taken.isPresent()) {
        throw toApi(taken.get());
      }
    }
  }

  List<ContainerRecord.PublishedPort> publish(String containerId, String containerName, Map<String, List<PortBinding>> bindings,
      Endpoint endpoint) {
    if (bindings == null || bindings.isEmpty()) {
      return List.of();
    }
    if (endpoint == null) {
      throw ApiException.badRequest("ports can only be published for a container on a bridge network (not with network_mode host or none)");
    }
    List<PortMapping> requested = mappings(bindings, Ipv4Address.parse(endpoint.ipAddress()));
    Held stale = held.remove(containerId); // a start after a failed one: what the last attempt held
    if (stale != null) {
      stale.ports().forEach(ProxiedPort::close);
    }
    List<ProxiedPort> opened = new ArrayList<>();
    try {
      List<PortMapping> resolved = new ArrayList<>();
      for (PortMapping m : requested) {
        Optional<String> other = holderOf(m, containerId);
        if (other.isEmpty()) {
          other = opened.stream().filter(p -> clashes(p.mapping(), m)).findFirst().map(p -> containerName);
        }
        if (other.isPresent()) {
          throw ApiException.conflict("Tried to publish " + PortProxy.describe(m) + " for container " + containerName
              + " but the port is taken by container " + other.get() + " (it publishes it already). Stop it or choose another host port in ports:");
        }
        ProxiedPort p;
        try {
          p = proxy.open(containerName, m);
        } catch (NetworkException e) {
          // another container's start took the port between the check above and this bind
          Optional<String> racer = holderOf(m, containerId);
          if (racer.isPresent()) {
            throw ApiException.conflict("Tried to publish " + PortProxy.describe(m) + " for container " + containerName
                + " but the port is taken by container " + racer.get() + " (it publishes it already). Stop it or choose another host port in ports:");
          }
          throw e;
        }
        opened.add(p);
        resolved.add(p.mapping());
      }
      if (dnat) {
        try {
          driver.publish(containerId, resolved, true);
        } catch (NetworkException e) {
          if (e.kind() == NetworkException.Kind.CONFLICT) {
            throw e;
          }
          LOG.log(Level.WARNING, "nftables DNAT for the ports of " + containerName + " failed; the port proxy carries their traffic alone: "
              + e.getMessage());
        }
      }
      held.put(containerId, new Held(containerName, List.copyOf(opened)));
      List<ContainerRecord.PublishedPort> out = new ArrayList<>();
      for (PortMapping m : resolved) {
        out.add(new ContainerRecord.PublishedPort(m.hostIp(), m.hostPort(), m.containerPort(), m.protocol().id()));
      }
      return out;
    } catch (RuntimeException e) {
      opened.forEach(ProxiedPort::close);
      if (e instanceof NetworkException ne) {
        throw toApi(ne);
      }
      throw e;
    }
  }

  /** Frees the container's host ports: closes its proxy sockets and removes its DNAT rules. */
  void unpublish(String containerId) {
    Held h = held.remove(containerId);
    if (h != null) {
      h.ports().forEach(ProxiedPort::close);
    }
    driver.unpublish(containerId);
  }

  /**
   * After an engine restart, for a container that kept running: binds its published ports again
   * (its DNAT rules outlived the engine; they are refreshed too). A port some program took while
   * the engine was down stays with that program, with a warning.
   */
  void adopt(ContainerRecord r) {
    if (r.ports().isEmpty() || r.endpoints().isEmpty() || held.containsKey(r.id())) {
      return;
    }
    Ipv4Address ip = Ipv4Address.parse(r.endpoints().values().iterator().next().ipAddress());
    List<ProxiedPort> opened = new ArrayList<>();
    List<PortMapping> mappings = new ArrayList<>();
    for (ContainerRecord.PublishedPort p : r.ports()) {
      PortMapping m = new PortMapping(p.hostIp(), p.hostPort(), ip, p.containerPort(), TransportProtocol.parse(p.protocol()));
      mappings.add(m);
      try {
        opened.add(proxy.open(r.name(), m));
      } catch (NetworkException e) {
        LOG.warning("after the engine restart, the port proxy could not take back a port of " + r.name() + ": " + e.getMessage());
      }
    }
    held.put(r.id(), new Held(r.name(), List.copyOf(opened)));
    if (dnat) {
      try {
        driver.publish(r.id(), mappings, true);
      } catch (NetworkException e) {
        LOG.warning("after the engine restart, the DNAT rules of " + r.name() + " could not be refreshed: " + e.getMessage());
      }
    }
  }

  /** The name of another container of ours that holds {@code m}'s host port. */
  private Optional<String> holderOf(PortMapping m, String exceptId) {
    for (Map.Entry<String, Held> e : held.entrySet()) {
      if (e.getKey().equals(exceptId)) {
        continue;
      }
      for (ProxiedPort p : e.getValue().ports()) {
        if (clashes(p.mapping(), m)) {
          return Optional.of(e.getValue().name());
        }
      }
    }
    return Optional.empty();
  }

  private static boolean clashes(PortMapping a, PortMapping b) {
    return a.protocol() == b.protocol() && a.hostPort() == b.hostPort() && b.hostPort() != 0
        && (a.onAllAddresses() || b.onAllAddresses() || a.hostIp().equals(b.hostIp()));
  }

  private static ApiException toApi(NetworkException e) {
    return e.kind() == NetworkException.Kind.CONFLICT
        ? ApiException.conflict(e.getMessage())
        : new ApiException(500, "driver failed programming external connectivity: " + e.getMessage(), e);
  }

  private static List<PortMapping> mappings(Map<String, List<PortBinding>> bindings, Ipv4Address containerIp) {
    List<PortMapping> mappings = new ArrayList<>();
    for (Map.Entry<String, List<PortBinding>> e : bindings.entrySet()) {
      String[] portProto = e.getKey().split("/", 2);
      int containerPort = parsePort(portProto[0], e.getKey());
      String proto = portProto.length == 2 ? portProto[1] : "tcp";
      if (!proto.equals("tcp") && !proto.equals("udp")) {
        throw ApiException.badRequest("invalid port " + e.getKey() + ": protocol " + proto + " is not supported (tcp, udp)");
      }
      for (PortBinding b : e.getValue() == null ? List.<PortBinding>of() : e.getValue()) {
        String hostIp = b.hostIp() == null || b.hostIp().isEmpty() ? "0.0.0.0" : b.hostIp();
        int hostPort = b.hostPort() == null || b.hostPort().isEmpty() ? 0 : parsePort(b.hostPort(), b.hostPort());
        try {
          mappings.add(new PortMapping(hostIp, hostPort, containerIp, containerPort, TransportProtocol.parse(proto)));
        } catch (NetworkException ex) {
          throw ApiException.badRequest(ex.getMessage());
        }
      }
    }
    return mappings;
  }

  private static int parsePort(String text, String context) {
    try {
      int p = Integer.parseInt(text);
      if (p >= 1 && p <= 65535) {
        return p;
      }
    } catch (NumberFormatException e) {
      // fall through
    }
    throw ApiException.badRequest("invalid port " + context + ": a port is a number from 1 to 65535");
  }
}
