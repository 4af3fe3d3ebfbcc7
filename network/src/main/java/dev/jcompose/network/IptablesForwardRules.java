package dev.jcompose.network;

import java.util.ArrayList;
import java.util.List;

/**
 * Our ACCEPT rules in iptables' {@code filter FORWARD} chain. A DROP anywhere on the forward
 * hook wins over an accept in our own nftables table, and {@code dockerd} leaves FORWARD's
 * policy at DROP, which silently breaks traffic on our bridges. So when FORWARD may drop
 * (policy other than ACCEPT, or rules that are not ours), each bridge gets, at the top:
 *
 * <pre>
 * -A FORWARD -i jcbr0 -m comment --comment jcompose:jcbr0 -j ACCEPT
 * -A FORWARD -o jcbr0 -m conntrack --ctstate RELATED,ESTABLISHED,DNAT -m comment --comment jcompose:jcbr0 -j ACCEPT
 * </pre>
 *
 * The second is narrower than "-o jcbr0": it lets in replies and published ports, not every
 * connection routed at a container from outside, as Docker's own FORWARD rules do. The comment
 * is how {@link #rulesOf} finds them again for removal.
 */
final class IptablesForwardRules {

  static final String COMMENT_PREFIX = "jcompose:";

  private IptablesForwardRules() {}

  static String comment(String bridge) {
    return COMMENT_PREFIX + bridge;
  }

  /** Whether the chain, as {@code iptables -S FORWARD} prints it, could drop forwarded traffic of ours. */
  static boolean mayDrop(String listing) {
    for (String line : listing.split("\n")) {
      String l = line.strip();
      if (l.startsWith("-P FORWARD ") && !l.equals("-P FORWARD ACCEPT")) {
        return true;
      }
      if (l.startsWith("-A FORWARD ") && commentOf(l) == null) {
        return true; // a rule of someone else's (Docker's, ufw's): it may jump to a drop
      }
    }
    return false;
  }

  /** The {@code -A FORWARD ...} lines of one bridge's rules. */
  static List<String> rulesOf(String listing, String bridge) {
    List<String> out = new ArrayList<>();
    for (String line : listing.split("\n")) {
      String l = line.strip();
      if (l.startsWith("-A FORWARD ") && comment(bridge).equals(commentOf(l))) {
        out.add(l);
      }
    }
    return out;
  }

  /** iptables-restore input that inserts the two rules at the top of FORWARD. */
  static String insertScript(String bridge) {
    String c = " -m comment --comment " + comment(bridge) + " -j ACCEPT\n";
    return "*filter\n"
        + "-I FORWARD -o " + bridge + " -m conntrack --ctstate RELATED,ESTABLISHED,DNAT" + c
        + "-I FORWARD -i " + bridge + c
        + "COMMIT\n";
  }

  /** iptables-restore input that deletes the given {@code -A FORWARD ...} lines. */
  static String deleteScript(List<String> ruleLines) {
    StringBuilder sb = new StringBuilder("*filter\n");
    for (String l : ruleLines) {
      sb.append("-D").append(l.substring(2)).append('\n');
    }
    return sb.append("COMMIT\n").toString();
  }

  private static String commentOf(String rule) {
    String[] t = rule.split("\\s+");
    for (int i = 0; i + 1 < t.length; i++) {
      if (t[i].equals("--comment")) {
        String c = t[i + 1];
        if (c.length() >= 2 && c.startsWith("\"") && c.endsWith("\"")) {
          c = c.substring(1, c.length() - 1);
        }
        return c.startsWith(COMMENT_PREFIX) ? c : null;
      }
    }
    return null;
  }
}
