package dev.jcompose.network;

import java.util.List;

/**
 * The /etc/hosts of a container, in Docker's layout: the loopback lines, the {@code extra_hosts}
 * of the service, the container's own address with its host name and aliases, then the other
 * containers it should know by name.
 *
 * <pre>
 * 127.0.0.1	localhost
 * ::1	localhost ip6-localhost ip6-loopback
 * fe00::0	ip6-localnet
 * ff00::0	ip6-mcastprefix
 * ff02::1	ip6-allnodes
 * ff02::2	ip6-allrouters
 * 10.0.0.9	somehost
 * 172.18.0.2	3f4e1a2b9c0d web web-1
 * 172.18.0.3	db db-1
 * </pre>
 */
public record HostsFile(HostsEntry self, List<HostsEntry> peers, List<HostsEntry> extraHosts) {

  private static final String LOOPBACK = "127.0.0.1\tlocalhost\n"
      + "::1\tlocalhost ip6-localhost ip6-loopback\n"
      + "fe00::0\tip6-localnet\n"
      + "ff00::0\tip6-mcastprefix\n"
      + "ff02::1\tip6-allnodes\n"
      + "ff02::2\tip6-allrouters\n";

  public HostsFile {
    peers = List.copyOf(peers);
    extraHosts = List.copyOf(extraHosts);
  }

  /** The file content. Entries without names are left out; {@code self} may be null (no network). */
  public String render() {
    StringBuilder sb = new StringBuilder(LOOPBACK);
    for (HostsEntry e : extraHosts) {
      append(sb, e);
    }
    if (self != null) {
      append(sb, self);
    }
    for (HostsEntry e : peers) {
      if (self != null && e.address().equals(self.address())) {
        continue; // a peer entry for ourselves would shadow our own line
      }
      append(sb, e);
    }
    return sb.toString();
  }

  /** Shorthand for {@code new HostsFile(self, peers, extraHosts).render()}. */
  public static String render(HostsEntry self, List<HostsEntry> peers, List<HostsEntry> extraHosts) {
    return new HostsFile(self, peers, extraHosts).render();
  }

  private static void append(StringBuilder sb, HostsEntry e) {
    if (!e.names().isEmpty()) {
      sb.append(e.address()).append('\t').append(String.join(" ", e.names())).append('\n');
    }
  }
}
