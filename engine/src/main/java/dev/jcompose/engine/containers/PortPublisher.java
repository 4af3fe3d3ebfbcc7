package dev.jcompose.engine.containers;

import dev.jcompose.api.model.PortBinding;
import dev.jcompose.engine.http.ApiException;
import dev.jcompose.engine.networks.Endpoint;
import dev.jcompose.network.BridgeNetworkDriver;
import dev.jcompose.network.NetworkException;
import dev.jcompose.network.Ipv4Address;
import dev.jcompose.network.PortMapping;
import dev.jcompose.network.TransportProtocol;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Publishes a container's {@code PortBindings} ("80/tcp" → 127.0.0.1:8080) on the host through the bridge driver. */
final class PortPublisher {
  private final BridgeNetworkDriver driver;

  PortPublisher(BridgeNetworkDriver driver) {
    this.driver = driver;
  }

  List<ContainerRecord.PublishedPort> publish(String containerId, Map<String, List<PortBinding>> bindings, Endpoint endpoint) {
    if (bindings == null || bindings.isEmpty()) {
      return List.of();
    }
    if (endpoint == null) {
      throw ApiException.badRequest("ports can only be published for a container on a bridge network (not with network_mode host or none)");
    }
    List<ContainerRecord.PublishedPort> out = new ArrayList<>();
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
        if (hostIp.contains(":")) {
          continue; // IPv6 publishing comes with the IPv6 work; Docker also skips it on IPv4-only networks
        }
        int hostPort = b.hostPort() == null || b.hostPort().isEmpty() ? 0 : parsePort(b.hostPort(), b.hostPort());
        mappings.add(new PortMapping(hostIp, hostPort, Ipv4Address.parse(endpoint.ipAddress()), containerPort,
            TransportProtocol.parse(proto)));
      }
    }
    try {
      for (PortMapping m : driver.publish(containerId, mappings)) {
        out.add(new ContainerRecord.PublishedPort(m.hostIp(), m.hostPort(), m.containerPort(), m.protocol().id()));
      }
    } catch (NetworkException e) {
      throw e.kind() == NetworkException.Kind.CONFLICT
          ? ApiException.conflict("driver failed programming external connectivity on endpoint: " + e.getMessage())
          : new ApiException(500, "driver failed programming external connectivity: " + e.getMessage(), e);
    }
    return out;
  }

  void unpublish(String containerId) {
    driver.unpublish(containerId);
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
