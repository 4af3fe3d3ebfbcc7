package dev.jcompose.network;

import java.net.Inet4Address;
import java.net.InetSocketAddress;
import java.net.SocketAddress;

/** The IPv4 address a query came from, which is what decides the names it may see. */
final class DnsAskers {

  private DnsAskers() {}

  /** The source's IPv4 address, or null for anything else (IPv6, a test's local address). */
  static Ipv4Address ipv4Of(SocketAddress source) {
    if (source instanceof InetSocketAddress inet && inet.getAddress() instanceof Inet4Address v4) {
      byte[] b = v4.getAddress();
      return Ipv4Address.of(b[0] & 0xFF, b[1] & 0xFF, b[2] & 0xFF, b[3] & 0xFF);
    }
    return null;
  }
}
