package dev.jcompose.network;

/**
 * One published port: connections to {@code hostIp:hostPort} on the host go to
 * {@code containerIp:containerPort}.
 *
 * @param hostIp "" or "0.0.0.0" for every local address, or one local IPv4 address such as 127.0.0.1
 * @param hostPort 1-65535, or 0 to let {@link BridgeNetworkDriver#publish} pick a free one
 */
public record PortMapping(String hostIp, int hostPort, Ipv4Address containerIp, int containerPort, TransportProtocol protocol) {

  public static final String ALL_ADDRESSES = "0.0.0.0";

  public PortMapping {
    hostIp = hostIp == null ? "" : hostIp.strip();
    if (!hostIp.isEmpty() && !Ipv4Address.isValid(hostIp)) {
      throw new NetworkException(NetworkException.Kind.INVALID_ARGUMENT,
          "invalid host IP \"" + hostIp + "\" for published port " + hostPort + ": give an IPv4 address such as 127.0.0.1,"
              + " or leave it out for all addresses" + (hostIp.contains(":") ? " (IPv6 host addresses are not supported yet)" : ""));
    }
    if (hostPort < 0 || hostPort > 65535) {
      throw new NetworkException(NetworkException.Kind.INVALID_ARGUMENT,
          "invalid host port " + hostPort + ": must be 1-65535 (or 0 to pick a free one)");
    }
    if (containerPort < 1 || containerPort > 65535) {
      throw new NetworkException(NetworkException.Kind.INVALID_ARGUMENT,
          "invalid container port " + containerPort + ": must be 1-65535");
    }
    if (containerIp == null) {
      throw new NetworkException(NetworkException.Kind.INVALID_ARGUMENT,
          "published port " + hostPort + "->" + containerPort + " has no container address; attach the container to a network first");
    }
    if (protocol == null) {
      protocol = TransportProtocol.TCP;
    }
  }

  public static PortMapping tcp(String hostIp, int hostPort, Ipv4Address containerIp, int containerPort) {
    return new PortMapping(hostIp, hostPort, containerIp, containerPort, TransportProtocol.TCP);
  }

  public static PortMapping udp(String hostIp, int hostPort, Ipv4Address containerIp, int containerPort) {
    return new PortMapping(hostIp, hostPort, containerIp, containerPort, TransportProtocol.UDP);
  }

  /** Whether this mapping listens on every local address ("" or 0.0.0.0). */
  public boolean onAllAddresses() {
    return hostIp.isEmpty() || hostIp.equals(ALL_ADDRESSES);
  }

  /** The host address as Docker shows it: {@code 0.0.0.0} for all. */
  public String bindAddress() {
    return onAllAddresses() ? ALL_ADDRESSES : hostIp;
  }

  public PortMapping withHostPort(int port) {
    return new PortMapping(hostIp, port, containerIp, containerPort, protocol);
  }

  @Override
  public String toString() {
    return bindAddress() + ":" + (hostPort == 0 ? "*" : hostPort) + "->" + containerIp + ":" + containerPort + "/" + protocol;
  }
}
