package dev.jcompose.network;

import java.util.ArrayList;
import java.util.List;
import java.util.random.RandomGenerator;

/**
 * Decides whether a container's published ports can be had, and picks host ports for mappings
 * that asked for any ({@code hostPort} 0). A port is refused when jcompose already publishes it
 * for another container, when the same request names it twice, or when a program on the host
 * receives traffic on it (a DNAT rule would silently steal that program's connections).
 *
 * <p>Pure: the caller passes what is published and what listens.
 */
final class HostPortPlanner {

  private final int ephemeralLow;
  private final int ephemeralHigh;
  private final RandomGenerator random;

  HostPortPlanner(int ephemeralLow, int ephemeralHigh, RandomGenerator random) {
    if (ephemeralLow < 1 || ephemeralHigh > 65535 || ephemeralLow > ephemeralHigh) {
      throw new IllegalArgumentException("bad ephemeral port range " + ephemeralLow + "-" + ephemeralHigh);
    }
    this.ephemeralLow = ephemeralLow;
    this.ephemeralHigh = ephemeralHigh;
    this.random = random;
  }

  /**
   * The mappings with every host port decided, in the order given.
   *
   * @param containerKey whose ports these are; its own earlier ports do not count as taken (they are replaced)
   */
  List<PortMapping> plan(String containerKey, List<PortMapping> requested, List<PublishedPort> published,
      List<ListeningSocket> listening) {
    List<PublishedPort> taken = new ArrayList<>();
    for (PublishedPort p : published) {
      if (!p.containerKey().equals(containerKey)) {
        taken.add(p);
      }
    }
    PortMapping[] out = new PortMapping[requested.size()];
    // Fixed ports first, so that a picked port never takes one the same request names explicitly.
    for (int i = 0; i < requested.size(); i++) {
      PortMapping m = requested.get(i);
      if (m.hostPort() != 0) {
        check(m, taken, listening);
        taken.add(new PublishedPort(m.protocol(), m.bindAddress(), m.hostPort(), containerKey));
        out[i] = m;
      }
    }
    for (int i = 0; i < requested.size(); i++) {
      PortMapping m = requested.get(i);
      if (m.hostPort() == 0) {
        PortMapping picked = m.withHostPort(pickFree(m, taken, listening));
        taken.add(new PublishedPort(m.protocol(), m.bindAddress(), picked.hostPort(), containerKey));
        out[i] = picked;
      }
    }
    return List.of(out);
  }

  private static void check(PortMapping m, List<PublishedPort> taken, List<ListeningSocket> listening) {
    for (PublishedPort p : taken) {
      if (p.clashesWith(m.protocol(), m.bindAddress(), m.hostPort())) {
        throw new NetworkException(NetworkException.Kind.CONFLICT,
            "Bind for " + m.bindAddress() + ":" + m.hostPort() + " failed: port is already allocated ("
                + p.protocol() + " " + p.hostIp() + ":" + p.hostPort() + " is published for container " + p.containerKey()
                + "); stop that container or publish another host port");
      }
    }
    for (ListeningSocket s : listening) {
      if (s.receives(m.protocol(), m.bindAddress(), m.hostPort())) {
        throw new NetworkException(NetworkException.Kind.CONFLICT,
            "Bind for " + m.bindAddress() + ":" + m.hostPort() + " failed: port is already in use by a program on this host ("
                + s + " is " + (s.protocol() == TransportProtocol.TCP ? "listening" : "bound") + "); stop that program or publish"
                + " another host port (`ss -" + (s.protocol() == TransportProtocol.TCP ? "lt" : "lu") + "np 'sport = :"
                + m.hostPort() + "'` shows which program)");
      }
    }
  }

  private int pickFree(PortMapping m, List<PublishedPort> taken, List<ListeningSocket> listening) {
    int span = ephemeralHigh - ephemeralLow + 1;
    int start = random.nextInt(span);
    for (int i = 0; i < span; i++) {
      int port = ephemeralLow + (start + i) % span;
      if (isFree(m.protocol(), m.bindAddress(), port, taken, listening)) {
        return port;
      }
    }
    throw new NetworkException(NetworkException.Kind.EXHAUSTED,
        "no free host port for " + m + " in the range " + ephemeralLow + "-" + ephemeralHigh
            + "; publish a fixed host port or free some ports");
  }

  private static boolean isFree(TransportProtocol proto, String hostIp, int port, List<PublishedPort> taken,
      List<ListeningSocket> listening) {
    for (PublishedPort p : taken) {
      if (p.clashesWith(proto, hostIp, port)) {
        return false;
      }
    }
    for (ListeningSocket s : listening) {
      if (s.receives(proto, hostIp, port)) {
        return false;
      }
    }
    return true;
  }
}
