package dev.jcompose.network;

/**
 * One published port: connections to {@code hostIp:hostPort} on the host go to
 * {@code containerIp:containerPort}.
 *
 * @param hostIp "" or "0.0.0.0" for every local address, or one local address such as 127.0.0.1 or ::1
 *     (brackets, as in {@code [::1]}, are taken off)
 * @param hostPort 1-65535, or 0 to let {@link BridgeNetworkDriver#publish} pick a free one
 */
public record PortMapping(String hostIp, int hostPort, Ipv4Address containerIp, int containerPort, TransportProtocol protocol) {

  public static final String ALL_ADDRESSES = "0.0.0.0";

  public PortMapping {
    hostIp = hostIp == null ? "" : hostIp.strip();
    if (hostIp.startsWith("[") && hostIp.endsWith("]")) {
      hostIp = hostIp.substring(1, hostIp.length() - 1);
    }
    if (!hostIp.isEmpty() && !Ipv4Address.isValid(hostIp) && !isIpv6Literal(hostIp)) {
      throw new NetworkException(NetworkException.Kind.INVALID_ARGUMENT,
          "invalid host IP \"" + hostIp + "\" for published port " + hostPort + ": give an address of this host such as"
              + " 127.0.0.1 or ::1, or leave it out for all addresses");
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

  /**
   * Whether the host address is an IPv6 one (such as {@code ::1}): the port proxy serves it (to
   * the container's IPv4 address, as docker-proxy does); the DNAT rules, IPv4 only, leave it out.
   */
  public boolean isIpv6() {
    return hostIp.contains(":");
  }

  /** The host address and port as Docker shows them: {@code 0.0.0.0:8080}, {@code [::1]:8080}. */
  public String hostAddressAndPort() {
    return (isIpv6() ? "[" + hostIp + "]" : bindAddress()) + ":" + (hostPort == 0 ? "*" : hostPort);
  }

  /** An IPv6 address literal (hex groups, "::", an optional IPv4 tail), never a name to look up. */
  static boolean isIpv6Literal(String text) {
    if (!text.contains(":") || !text.matches("[0-9a-fA-F:.]+")) {
      return false;
    }
    try {
      return java.net.InetAddress.getByName(text) instanceof java.net.Inet6Address; // a literal: no lookup
    } catch (java.net.UnknownHostException e) {
      return false;
    }
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
    return hostAddressAndPort() + "->" + containerIp + ":" + containerPort + "/" + protocol;
  }
}
