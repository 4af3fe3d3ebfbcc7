package dev.jcompose.network;

import java.util.LinkedHashSet;
import java.util.Set;
import java.util.TreeSet;

/**
 * The nftables rules of one bridge network, in two base chains of our table, plus the bridge's
 * name in the table's {@code bridges} set:
 *
 * <pre>
 * chain bridge_jcbr0_forward {      type filter hook forward priority 0
 *   iifname "jcbr0" oifname != "jcbr0" drop     only for internal networks: no way out ...
 *   oifname "jcbr0" iifname != "jcbr0" drop     ... and no way in
 *   oifname "jcbr0" iifname != "jcbr0" iifname @bridges ct status &amp; dnat == 0 drop
 *                                     isolation: nothing forwarded from another jcompose network,
 *                                     but published ports (DNAT) stay reachable from there
 *   iifname "jcbr0" accept           traffic from the containers
 *   oifname "jcbr0" accept           traffic to the containers
 * }
 * chain bridge_jcbr0_postrouting {  type nat hook postrouting priority 100
 *   ip saddr 172.18.0.0/16 oifname != "jcbr0" masquerade   containers reaching out get the host's address
 *                                                            (not for internal networks)
 *   ip saddr 127.0.0.0/8 oifname "jcbr0" masquerade         127.0.0.1:PORT DNATed into a container: it must
 *                                                            not answer to its own loopback
 *   oifname "jcbr0" ip saddr 172.18.0.0/16 ct status dnat masquerade
 *                                     hairpin: a container reaching a published port (gateway:PORT) that
 *                                     leads into its own network, even to itself, must get the answer
 *                                     back through the host; the container served sees the gateway as
 *                                     the client, as behind Docker's userland proxy
 * }
 * </pre>
 *
 * Isolation is Docker's DOCKER-ISOLATION rule (a packet from one of our bridges to another is
 * dropped) as a drop in the destination bridge's chain: a drop in any base chain of the hook is
 * final, while the other bridge's {@code accept} only ends its own chain. Traffic from the
 * uplink and from the host itself is not affected, and neither is a connection to a published
 * port (the host's address, DNATed), which is where Docker's userland proxy would take it too.
 *
 * The hairpin rule matches on the source subnet, not on {@code iifname}: with br_netfilter
 * loaded the DNAT happens while the frame is bridged, and the postrouting hook of a bridged
 * packet has no input interface. The bridge port needs hairpin mode as well (see attach).
 *
 * The forward accepts only help against drops in chains of our own priority order; a DROP in
 * another table (iptables' FORWARD policy) needs {@link IptablesForwardRules} as well.
 */
final class BridgeRules {

  static final String CHAIN_PREFIX = "bridge_";
  static final String BRIDGES_SET = "bridges";
  private static final String FORWARD_SUFFIX = "_forward";

  private BridgeRules() {}

  static String forwardChain(String bridge) {
    return CHAIN_PREFIX + bridge + FORWARD_SUFFIX;
  }

  static String postroutingChain(String bridge) {
    return CHAIN_PREFIX + bridge + "_postrouting";
  }

  /** Creates or refreshes the bridge's chains: idempotent, one transaction. */
  static String add(NftTable table, String bridge, Ipv4Cidr subnet, NetworkReach reach) {
    String q = "\"" + bridge + "\"";
    String fwd = forwardChain(bridge);
    String post = postroutingChain(bridge);
    StringBuilder sb = new StringBuilder(table.ensure())
        .append("add element ").append(table.ref()).append(' ').append(BRIDGES_SET).append(" { ").append(q).append(" }\n")
        .append(table.resetBaseChain(fwd, "filter", "forward", 0));
    if (reach == NetworkReach.INTERNAL) {
      sb.append(table.addRule(fwd, "iifname " + q + " oifname != " + q + " drop"))
          .append(table.addRule(fwd, "oifname " + q + " iifname != " + q + " drop"));
    }
    sb.append(table.addRule(fwd, "oifname " + q + " iifname != " + q + " iifname @" + BRIDGES_SET + " ct status & dnat == 0 drop"))
        .append(table.addRule(fwd, "iifname " + q + " accept"))
        .append(table.addRule(fwd, "oifname " + q + " accept"))
        .append(table.resetBaseChain(post, "nat", "postrouting", 100));
    if (reach == NetworkReach.EXTERNAL) {
      sb.append(table.addRule(post, "ip saddr " + subnet.network() + " oifname != " + q + " masquerade"));
    }
    sb.append(table.addRule(post, "ip saddr 127.0.0.0/8 oifname " + q + " masquerade"))
        .append(table.addRule(post, "oifname " + q + " ip saddr " + subnet.network() + " ct status dnat masquerade"));
    return sb.toString();
  }

  /**
   * Removes what exists of the bridge's chains and its name from the {@code bridges} set (the set
   * is rewritten from the bridges whose chains remain, so no element has to be looked up), and
   * the whole table when no other bridge's or container's chain is left in it. Empty when there
   * is nothing to do. {@code listing} is of a table that exists.
   */
  static String remove(NftTable table, String bridge, NftTableListing listing) {
    Set<String> ours = new LinkedHashSet<>();
    for (String c : new String[] {forwardChain(bridge), postroutingChain(bridge)}) {
      if (listing.hasChain(c)) {
        ours.add(c);
      }
    }
    if (!listing.holdsAnythingBut(ours)) {
      return table.deleteTable();
    }
    if (ours.isEmpty()) {
      return "";
    }
    StringBuilder sb = new StringBuilder();
    for (String c : ours) {
      sb.append(table.deleteChain(c));
    }
    Set<String> others = new TreeSet<>();
    for (String c : listing.chains()) {
      if (c.startsWith(CHAIN_PREFIX) && c.endsWith(FORWARD_SUFFIX) && !ours.contains(c)) {
        others.add("\"" + c.substring(CHAIN_PREFIX.length(), c.length() - FORWARD_SUFFIX.length()) + "\"");
      }
    }
    sb.append("add set ").append(table.ref()).append(' ').append(BRIDGES_SET).append(" { type ifname; }\n")
        .append("flush set ").append(table.ref()).append(' ').append(BRIDGES_SET).append('\n');
    if (!others.isEmpty()) {
      sb.append("add element ").append(table.ref()).append(' ').append(BRIDGES_SET).append(" { ")
          .append(String.join(", ", others)).append(" }\n");
    }
    return sb.toString();
  }
}
