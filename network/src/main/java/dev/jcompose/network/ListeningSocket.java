package dev.jcompose.network;

/**
 * A socket on the host that accepts traffic on a port: a listening TCP socket or a bound UDP
 * socket. {@code address} is textual: {@code 0.0.0.0}, {@code 127.0.0.1}, {@code ::},
 * {@code ::ffff:127.0.0.1} or another IPv6 address.
 */
public record ListeningSocket(TransportProtocol protocol, String address, int port) {

  /**
   * Whether the socket receives traffic for IPv4 {@code hostIp:port} ({@code 0.0.0.0} = any
   * local address): a DNAT rule for it would steal that program's traffic. An IPv6 wildcard
   * socket counts, since Linux delivers IPv4 to it unless {@code bindv6only} is set.
   */
  public boolean receives(TransportProtocol proto, String hostIp, int p) {
    if (proto != protocol || p != port) {
      return false;
    }
    String v4 = address.startsWith("::ffff:") ? address.substring(7) : address;
    if (v4.equals("0.0.0.0") || v4.equals("::")) {
      return true;
    }
    if (v4.contains(":")) {
      return false; // a specific IPv6 address: no IPv4 traffic reaches it
    }
    return hostIp.equals(PortMapping.ALL_ADDRESSES) || hostIp.equals(v4);
  }

  @Override
  public String toString() {
    return protocol + " " + (address.contains(":") ? "[" + address + "]" : address) + ":" + port;
  }
}
