package dev.jcompose.network;

/** MAC addresses for container interfaces. */
public final class MacAddresses {

  private MacAddresses() {}

  /**
   * Docker's scheme: {@code 02:42} (locally administered, unicast) followed by the IPv4 address,
   * so 172.18.0.2 gets {@code 02:42:ac:12:00:02}. Unique as long as addresses are.
   */
  public static String forIp(Ipv4Address ip) {
    return String.format("02:42:%02x:%02x:%02x:%02x", ip.octet(0), ip.octet(1), ip.octet(2), ip.octet(3));
  }
}
