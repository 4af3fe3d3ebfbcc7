package dev.jcompose.network;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/** One line of an /etc/hosts file: an address and its names ({@code 172.18.0.3  db  db-1}). */
public record HostsEntry(String address, List<String> names) {

  private static final Pattern ADDRESS = Pattern.compile("[0-9A-Fa-f:.]+");
  private static final Pattern NAME = Pattern.compile("[^\\s#]+");

  public HostsEntry {
    if (address == null || !ADDRESS.matcher(address).matches()) {
      throw new NetworkException(NetworkException.Kind.INVALID_ARGUMENT,
          "invalid address \"" + address + "\" for an /etc/hosts entry: give an IPv4 or IPv6 address");
    }
    List<String> clean = new ArrayList<>();
    for (String n : names) {
      if (n == null || n.isEmpty()) {
        continue;
      }
      if (!NAME.matcher(n).matches()) {
        throw new NetworkException(NetworkException.Kind.INVALID_ARGUMENT,
            "invalid host name \"" + n + "\" for " + address + " in /etc/hosts: names cannot contain spaces or '#'");
      }
      if (!clean.contains(n)) {
        clean.add(n);
      }
    }
    names = List.copyOf(clean);
  }

  public static HostsEntry of(String address, String... names) {
    return new HostsEntry(address, List.of(names));
  }

  /** Parses a Compose {@code extra_hosts} item, {@code name:address} or {@code name=address}. */
  public static HostsEntry parseExtraHost(String item) {
    int sep = item.indexOf('=');
    if (sep < 0) {
      sep = item.indexOf(':');
    }
    if (sep <= 0 || sep == item.length() - 1) {
      throw new NetworkException(NetworkException.Kind.INVALID_ARGUMENT,
          "invalid extra host \"" + item + "\": expected NAME:ADDRESS such as somehost:162.242.195.82");
    }
    String address = item.substring(sep + 1).strip();
    if (address.startsWith("[") && address.endsWith("]")) {
      address = address.substring(1, address.length() - 1);
    }
    return new HostsEntry(address, List.of(item.substring(0, sep).strip()));
  }
}
