package dev.jcompose.network;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The resolvers the embedded DNS server forwards to: the host's {@code nameserver} lines.
 *
 * <p>Unlike Docker, loopback nameservers (systemd-resolved's 127.0.0.53, a local dnsmasq) are
 * kept: Docker's resolver forwards from inside the container's network namespace, where the
 * host's loopback is out of reach, but ours runs in the host's namespace, where it is not.
 */
public record DnsUpstreams(List<InetSocketAddress> servers) {

  public static final int DNS_PORT = 53;
  private static final Pattern IP_LITERAL = Pattern.compile("[0-9.]+|[0-9A-Fa-f:]+(%\\S+)?");

  public DnsUpstreams {
    servers = List.copyOf(servers);
  }

  public static DnsUpstreams none() {
    return new DnsUpstreams(List.of());
  }

  /** The nameservers of a resolv.conf text, in order; lines that are not an address literal are skipped. */
  public static DnsUpstreams fromResolvConf(String resolvConf) {
    List<InetSocketAddress> out = new ArrayList<>();
    for (String line : resolvConf.split("\n")) {
      String[] f = line.strip().split("\\s+");
      if (f.length >= 2 && f[0].equals("nameserver") && IP_LITERAL.matcher(f[1]).matches()) {
        try {
          out.add(new InetSocketAddress(InetAddress.getByName(f[1]), DNS_PORT));
        } catch (UnknownHostException e) {
          // a literal that is no address (999.1.1.1): the C library would skip it as well
        }
      }
    }
    return new DnsUpstreams(out);
  }

  public boolean isEmpty() {
    return servers.isEmpty();
  }
}
