package dev.jcompose.engine.containers;

import java.util.ArrayList;
import java.util.List;

/**
 * A container's /etc/resolv.conf made from the host's, as Docker does: nameservers on the host's
 * loopback cannot be reached from a container's network namespace, so they are dropped; when none
 * is left (a host with only systemd-resolved's 127.0.0.53), Docker's defaults 8.8.8.8 and 8.8.4.4
 * are added.
 */
public final class ResolvConf {
  static final List<String> DEFAULT_NAMESERVERS = List.of("nameserver 8.8.8.8", "nameserver 8.8.4.4");

  private ResolvConf() {}

  /**
   * As Docker writes it for a container the embedded DNS server does not serve (the default bridge,
   * {@code network_mode: host}): {@code dns} servers replace the host's nameservers, a non-empty
   * {@code search} the host's {@code search}/{@code domain} lines, non-empty {@code options} its
   * {@code options} lines.
   */
  public static String forContainer(String hostResolvConf, List<String> dns, List<String> search, List<String> options) {
    List<String> lines = new ArrayList<>();
    for (String line : hostResolvConf.split("\n")) {
      String keyword = line.strip().split("\\s+")[0];
      boolean replaced = keyword.equals("nameserver") && !dns.isEmpty()
          || (keyword.equals("search") || keyword.equals("domain")) && !search.isEmpty()
          || keyword.equals("options") && !options.isEmpty();
      if (!replaced) {
        lines.add(line);
      }
    }
    while (!lines.isEmpty() && lines.get(lines.size() - 1).isBlank()) {
      lines.remove(lines.size() - 1);
    }
    dns.forEach(d -> lines.add("nameserver " + d));
    if (!search.isEmpty()) {
      lines.add("search " + String.join(" ", search));
    }
    if (!options.isEmpty()) {
      lines.add("options " + String.join(" ", options));
    }
    String text = String.join("\n", lines) + "\n";
    return dns.isEmpty() ? forContainer(text) : text;
  }

  public static String forContainer(String hostResolvConf) {
    List<String> lines = new ArrayList<>();
    boolean hasNameserver = false;
    for (String line : hostResolvConf.split("\n")) {
      String[] fields = line.trim().split("\\s+");
      if (fields.length >= 2 && fields[0].equals("nameserver")) {
        if (fields[1].startsWith("127.") || fields[1].equals("::1")) {
          continue;
        }
        hasNameserver = true;
      }
      lines.add(line);
    }
    if (!hasNameserver) {
      while (!lines.isEmpty() && lines.get(lines.size() - 1).isBlank()) {
        lines.remove(lines.size() - 1);
      }
      lines.addAll(DEFAULT_NAMESERVERS);
    }
    return String.join("\n", lines) + "\n";
  }
}
