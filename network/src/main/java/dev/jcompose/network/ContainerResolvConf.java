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
    List<String> lines = new ArrayList<>();
    lines.add("# written by jcompose: names of the container's networks are answered by its embedded DNS server,");
    lines.add("# everything else is forwarded to the host's nameservers");
    lines.add("nameserver " + dnsServer);
    for (String line : hostResolvConf.split("\n")) {
      String keyword = line.strip().split("\\s+")[0];
      if (keyword.equals("search") || keyword.equals("domain") || keyword.equals("options")) {
        lines.add(line.strip());
      }
    }
    return String.join("\n", lines) + "\n";
  }
}
