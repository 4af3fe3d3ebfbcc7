package dev.jcompose.network;

import java.util.regex.Pattern;

/**
 * Our nftables table ({@code ip jcompose}): one table for all of jcompose's rules, so that a
 * leak check or an operator finds them in one place and {@code nft delete table ip jcompose}
 * removes them all. It holds the {@code published_ports} set, the {@code bridges} set (every
 * bridge of ours, for isolation) and, as base chains, one pair of
 * chains per bridge and one pair per container with published ports, so that each object's
 * rules are added by {@code flush}+{@code add} and removed by {@code flush}+{@code delete chain}
 * without looking up rule handles.
 *
 * <p>Hook priorities are numbers: nft 1.0.6 refuses the {@code dstnat} keyword on the output hook.
 */
record NftTable(String name) {

  static final String FAMILY = "ip";
  private static final Pattern NAME = Pattern.compile("[A-Za-z][A-Za-z0-9_]{0,31}");

  NftTable {
    if (!NAME.matcher(name).matches()) {
      throw new IllegalArgumentException("not a valid nftables table name: \"" + name + "\"");
    }
  }

  /** {@code ip jcompose}, as nft commands name the table. */
  String ref() {
    return FAMILY + " " + name;
  }

  /** Creates the table and its sets ({@code published_ports}, {@code bridges}) when missing; harmless when they exist. */
  String ensure() {
    return "add table " + ref() + "\n"
        + "add set " + ref() + " " + PortRules.SET + " { type inet_proto . ipv4_addr . inet_service; }\n"
        + "add set " + ref() + " " + BridgeRules.BRIDGES_SET + " { type ifname; }\n";
  }

  /** Creates a base chain when missing and empties it, ready for its rules. */
  String resetBaseChain(String chain, String type, String hook, int priority) {
    return "add chain " + ref() + " " + chain + " { type " + type + " hook " + hook + " priority " + priority + "; policy accept; }\n"
        + "flush chain " + ref() + " " + chain + "\n";
  }

  String addRule(String chain, String rule) {
    return "add rule " + ref() + " " + chain + " " + rule + "\n";
  }

  /** Removes a chain that exists; {@code delete chain} refuses a chain that still has rules. */
  String deleteChain(String chain) {
    return "flush chain " + ref() + " " + chain + "\n" + "delete chain " + ref() + " " + chain + "\n";
  }

  String deleteTable() {
    return "delete table " + ref() + "\n";
  }
}
