package dev.jcompose.network;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The DNAT rules of one container's published ports, in two base chains of our table, and the
 * ports themselves as elements of the {@code published_ports} set (the comment names the
 * container), which is how a later publish sees what is taken:
 *
 * <pre>
 * chain ports_web-1_prerouting {  type nat hook prerouting priority -100   from outside and from containers
 *   fib daddr type local tcp dport 8080 dnat to 172.18.0.2:80       (host IP "" / 0.0.0.0)
 *   ip daddr 127.0.0.1 tcp dport 8081 dnat to 172.18.0.2:81         (a given host IP)
 * }
 * chain ports_web-1_output {      type nat hook output priority -100       from the host itself
 *   ... the same rules ...
 * }
 * </pre>
 *
 * Traffic to 127.0.0.1 reaches the container because the bridge has {@code route_localnet=1}
 * and {@link BridgeRules} masquerades 127.0.0.0/8 sources.
 */
final class PortRules {

  static final String CHAIN_PREFIX = "ports_";
  static final String SET = "published_ports";
  private static final Pattern KEY = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]{0,63}");

  private PortRules() {}

  /** Checks a container key: it becomes part of chain names and set comments. */
  static String checkKey(String containerKey) {
    if (containerKey == null || !KEY.matcher(containerKey).matches()) {
      throw new NetworkException(NetworkException.Kind.INVALID_ARGUMENT,
          "invalid container key \"" + containerKey + "\" for published ports: use 1-64 of A-Z a-z 0-9 _ . - (a container id or name)");
    }
    return containerKey;
  }

  static String preroutingChain(String key) {
    return CHAIN_PREFIX + key + "_prerouting";
  }

  static String outputChain(String key) {
    return CHAIN_PREFIX + key + "_output";
  }

  /**
   * Replaces the container's published ports by {@code ports} (host ports already decided), in
   * one transaction. New set elements use {@code create}, so a port taken meanwhile by another
   * process makes the whole transaction fail instead of publishing twice.
   */
  static String publish(NftTable table, String key, List<PortMapping> ports, NftTableListing listing) {
    String pre = preroutingChain(key);
    String out = outputChain(key);
    StringBuilder sb = new StringBuilder(table.ensure());
    sb.append(table.resetBaseChain(pre, "nat", "prerouting", -100));
    sb.append(table.resetBaseChain(out, "nat", "output", -100));
    appendDeleteElements(sb, table, listing.publishedPortsOf(key));
    for (PortMapping p : ports) {
      String rule = dnatRule(p);
      sb.append(table.addRule(pre, rule));
      sb.append(table.addRule(out, rule));
    }
    for (PortMapping p : ports) {
      sb.append("create element ").append(table.ref()).append(' ').append(SET).append(" { ")
          .append(p.protocol().id()).append(" . ").append(p.bindAddress()).append(" . ").append(p.hostPort())
          .append(" comment \"").append(key).append("\" }\n");
    }
    return sb.toString();
  }

  /**
   * Removes the container's chains and set elements (what exists of them), or the whole table
   * when no bridge's or other container's chain is left in it. {@code listing} is of a table
   * that exists.
   */
  static String unpublish(NftTable table, String key, NftTableListing listing) {
    Set<String> ours = new LinkedHashSet<>();
    for (String c : new String[] {preroutingChain(key), outputChain(key)}) {
      if (listing.hasChain(c)) {
        ours.add(c);
      }
    }
    List<PublishedPort> elements = listing.publishedPortsOf(key);
    if (!listing.holdsAnythingBut(ours)) {
      return table.deleteTable();
    }
    if (ours.isEmpty() && elements.isEmpty()) {
      return "";
    }
    StringBuilder sb = new StringBuilder();
    for (String c : ours) {
      sb.append(table.deleteChain(c));
    }
    appendDeleteElements(sb, table, elements);
    return sb.toString();
  }

  /** {@code fib daddr type local tcp dport 8080 dnat to 172.18.0.2:80}, or with {@code ip daddr HOSTIP}. */
  static String dnatRule(PortMapping p) {
    String match = p.onAllAddresses() ? "fib daddr type local" : "ip daddr " + p.hostIp();
    return match + " " + p.protocol().id() + " dport " + p.hostPort() + " dnat to " + p.containerIp() + ":" + p.containerPort();
  }

  private static void appendDeleteElements(StringBuilder sb, NftTable table, List<PublishedPort> elements) {
    for (PublishedPort e : elements) {
      sb.append("delete element ").append(table.ref()).append(' ').append(SET).append(" { ")
          .append(e.protocol().id()).append(" . ").append(e.hostIp()).append(" . ").append(e.hostPort()).append(" }\n");
    }
  }
}
