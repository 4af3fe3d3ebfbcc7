package dev.jcompose.samples;

import dev.jcompose.linux.HostCommand;
import java.util.ArrayList;
import java.util.List;

/**
 * A named network namespace ({@code ip netns add}) for a test's engine: its bridges, veths and
 * nftables table live there, so a leak check sees exactly the engine's own (other tests on the
 * machine create jcbr-* bridges too), and deleting the namespace takes whatever a failed test left.
 * Only the network namespace is entered ({@link #wrapper()}): mounts, cgroups and processes are the host's.
 */
final class PrivateNetns implements AutoCloseable {
  private final String name;

  private PrivateNetns(String name) {
    this.name = name;
  }

  static PrivateNetns create(String name) {
    HostCommand.run(List.of("ip", "netns", "add", name));
    PrivateNetns ns = new PrivateNetns(name);
    try {
      HostCommand.run(List.of("ip", "-n", name, "link", "set", "lo", "up"));
    } catch (RuntimeException e) {
      ns.close();
      throw e;
    }
    return ns;
  }

  String name() {
    return name;
  }

  /** The command prefix that runs a program in this namespace (and nothing else of it changed). */
  List<String> wrapper() {
    return List.of("nsenter", "--net=/run/netns/" + name);
  }

  /** Interface names in the namespace, {@code lo} excepted. */
  List<String> links() {
    List<String> out = new ArrayList<>();
    for (String line : HostCommand.run(List.of("ip", "-n", name, "-o", "link", "show")).stdout().split("\n")) {
      String[] f = line.split(":\\s+", 3);
      if (f.length >= 2) {
        String link = f[1].replaceFirst("@.*$", "");
        if (!link.equals("lo")) {
          out.add(link);
        }
      }
    }
    return out;
  }

  /** {@code nft list tables} in the namespace, one table a line. */
  List<String> nftTables() {
    List<String> argv = new ArrayList<>(wrapper());
    argv.addAll(List.of("nft", "list", "tables"));
    return HostCommand.run(argv).stdout().lines().filter(l -> !l.isBlank()).toList();
  }

  @Override
  public void close() {
    HostCommand.runAllowingFailure(List.of("ip", "netns", "delete", name), null);
  }
}
