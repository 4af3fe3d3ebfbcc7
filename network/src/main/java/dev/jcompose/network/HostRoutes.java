package dev.jcompose.network;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The destinations of the host's IPv4 routes, parsed from {@code ip -4 route show} text. A new
 * network's subnet must not overlap any of them, or containers could not reach those hosts
 * (Docker checks the same before it picks a default pool). The default route is left out: it
 * overlaps everything.
 */
public final class HostRoutes {

  private static final Set<String> ROUTE_TYPES = Set.of(
      "unicast", "local", "broadcast", "multicast", "throw", "unreachable", "prohibit", "blackhole", "nat", "anycast");

  private HostRoutes() {}

  /**
   * Parses lines such as {@code 172.17.0.0/16 dev docker0 proto kernel scope link src 172.17.0.1},
   * {@code 10.1.2.3 via 192.0.2.1 dev eth0} (a host route: /32) or {@code unreachable 10.0.0.0/8}.
   * Continuation lines of multipath routes (indented {@code nexthop ...}) are skipped.
   */
  public static List<Ipv4Cidr> parse(String ipRouteOutput) {
    List<Ipv4Cidr> out = new ArrayList<>();
    for (String line : ipRouteOutput.split("\n")) {
      if (line.isBlank() || Character.isWhitespace(line.charAt(0))) {
        continue;
      }
      String[] tokens = line.strip().split("\\s+");
      String dst = tokens[0];
      if (ROUTE_TYPES.contains(dst) && tokens.length > 1) {
        dst = tokens[1];
      }
      if (dst.equals("default")) {
        continue;
      }
      Ipv4Cidr cidr;
      try {
        cidr = dst.contains("/") ? Ipv4Cidr.parse(dst) : Ipv4Cidr.of(Ipv4Address.parse(dst), 32);
      } catch (IllegalArgumentException e) {
        continue; // not an IPv4 destination (an unknown keyword from a newer iproute2): not ours to judge
      }
      if (cidr.prefixLength() > 0) {
        out.add(cidr.network());
      }
    }
    return List.copyOf(out);
  }
}
