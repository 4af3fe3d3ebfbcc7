package dev.jcompose.network;

import java.util.ArrayList;
import java.util.List;

/**
 * A container's /etc/resolv.conf when the embedded DNS server answers for its network: the one
 * nameserver is the server's address (the gateway of the container's first network), and the
 * host's {@code search} and {@code options} lines are kept, as Docker keeps them beside its
 * {@code nameserver 127.0.0.11}. The host's nameservers are the server's upstreams instead.
 */
public final class ContainerResolvConf {

  private ContainerResolvConf() {}

  public static String render(String hostResolvConf, Ipv4Address dnsServer) {
    return render(hostResolvConf, dnsServer, List.of(), List.of(), List.of());
  }

  /**
   * As Docker writes it for a container with {@code dns}, {@code dns_search} and {@code dns_opt}:
   * the nameserver stays the embedded server, which forwards to {@code ownServers} (named in a
   * comment, like Docker's "# ExtServers: [...]"); a non-empty {@code search} replaces the host's
   * {@code search} and {@code domain} lines, non-empty {@code options} the host's {@code options}.
   */
  public static String render(String hostResolvConf, Ipv4Address dnsServer, List<String> search, List<String> options,
      List<String> ownServers) {
    List<String> lines = new ArrayList<>();
    lines.add("# written by jcompose: names of the container's networks are answered by its embedded DNS server,");
    lines.add(ownServers.isEmpty() ? "# everything else is forwarded to the host's nameservers"
        : "# everything else is forwarded to the container's dns servers: " + String.join(" ", ownServers));
    lines.add("nameserver " + dnsServer);
    boolean searchDone = false;
    boolean optionsDone = false;
    for (String line : hostResolvConf.split("\n")) {
      String keyword = line.strip().split("\\s+")[0];
      if ((keyword.equals("search") || keyword.equals("domain")) && !search.isEmpty()) {
        if (!searchDone) {
          lines.add("search " + String.join(" ", search));
          searchDone = true;
        }
      } else if (keyword.equals("options") && !options.isEmpty()) {
        if (!optionsDone) {
          lines.add("options " + String.join(" ", options));
          optionsDone = true;
        }
      } else if (keyword.equals("search") || keyword.equals("domain") || keyword.equals("options")) {
        lines.add(line.strip());
      }
    }
    if (!search.isEmpty() && !searchDone) {
      lines.add("search " + String.join(" ", search));
    }
    if (!options.isEmpty() && !optionsDone) {
      lines.add("options " + String.join(" ", options));
    }
    return String.join("\n", lines) + "\n";
  }
}
