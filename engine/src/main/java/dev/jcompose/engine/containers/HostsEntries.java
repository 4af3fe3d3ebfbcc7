package dev.jcompose.engine.containers;

import java.util.LinkedHashSet;
import java.util.List;

/** Renders a container's /etc/hosts: loopback, the container's own addresses, then the other containers on its networks. */
final class HostsEntries {
  private HostsEntries() {}

  record Entry(String ip, List<String> names) {
    Entry {
      names = List.copyOf(new LinkedHashSet<>(names));
    }
  }

  static String render(List<Entry> self, List<Entry> others) {
    StringBuilder b = new StringBuilder()
        .append("127.0.0.1\tlocalhost\n")
        .append("::1\tlocalhost ip6-localhost ip6-loopback\n")
        .append("fe00::0\tip6-localnet\n")
        .append("ff00::0\tip6-mcastprefix\n")
        .append("ff02::1\tip6-allnodes\n")
        .append("ff02::2\tip6-allrouters\n");
    for (Entry e : self) {
      b.append(e.ip()).append('\t').append(String.join(" ", e.names())).append('\n');
    }
    for (Entry e : others) {
      b.append(e.ip()).append('\t').append(String.join(" ", e.names())).append('\n');
    }
    return b.toString();
  }
}
