package dev.jcompose.network;

import java.util.LinkedHashSet;
import java.util.Set;

/**
 * The nftables rules of one bridge network, in two base chains of our table:
 *
 * <pre>
 * chain bridge_jcbr0_forward {      type filter hook forward priority 0
 *   iifname "jcbr0" accept           traffic from the containers
 *   oifname "jcbr0" accept           traffic to the containers
 * }
 * chain bridge_jcbr0_postrouting {  type nat hook postrouting priority 100
 *   ip saddr 172.18.0.0/16 oifname != "jcbr0" masquerade   containers reaching out get the host's address
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
 * The hairpin rule matches on the source subnet, not on {@code iifname}: with br_netfilter
 * loaded the DNAT happens while the frame is bridged, and the postrouting hook of a bridged
 * packet has no input interface. The bridge port needs hairpin mode as well (see attach).
 *
 * The forward accepts only help against drops in chains of our own priority order; a DROP in
 * another table (iptables' FORWARD policy) needs {@link IptablesForwardRules} as well.
 */
final class BridgeRules {

  static final String CHAIN_PREFIX = "bridge_";

  private BridgeRules() {}

  static String forwardChain(String bridge) {
    return CHAIN_PREFIX + bridge + "_forward";
  }

  static String postroutingChain(String bridge) {
    return CHAIN_PREFIX + bridge + "_postrouting";
  }

  /** Creates or refreshes the bridge's chains: idempotent, one transaction. */
  static String add(NftTable table, String bridge, Ipv4Cidr subnet) {
    String q = "\"" + bridge + "\"";
    String fwd = forwardChain(bridge);
    String post = postroutingChain(bridge);
    return table.ensure()
        + table.resetBaseChain(fwd, "filter", "forward", 0)
        + table.addRule(fwd, "iifname " + q + " accept")
        + table.addRule(fwd, "oifname " + q + " accept")
        + table.resetBaseChain(post, "nat", "postrouting", 100)
        + table.addRule(post, "ip saddr " + subnet.network() + " oifname != " + q + " masquerade")
        + table.addRule(post, "ip saddr 127.0.0.0/8 oifname " + q + " masquerade")
        + table.addRule(post, "oifname " + q + " ip saddr " + subnet.network() + " ct status dnat masquerade");
  }

  /**
   * Removes what exists of the bridge's chains, and the whole table when no other bridge's or
   * container's chain is left in it. Empty when there is nothing to do. {@code listing} is of a
   * table that exists.
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
    StringBuilder sb = new StringBuilder();
    for (String c : ours) {
      sb.append(table.deleteChain(c));
    }
    return sb.toString();
  }
}
