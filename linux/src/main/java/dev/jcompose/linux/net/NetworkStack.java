package dev.jcompose.linux.net;

import java.util.List;
import java.util.Optional;

/**
 * The network stack of one network namespace (normally the host's), as the network module
 * needs it: links, addresses, routes, nftables, iptables, sysctls and the kernel's socket
 * tables. Everything the module changes on the host goes through this interface, so the
 * module's logic can be tested without root against a recording fake.
 *
 * <p>Methods that change state throw {@link dev.jcompose.linux.HostCommandException} (or
 * {@link java.io.UncheckedIOException} for a file write) naming what failed; callers add what
 * they were trying to do.
 */
public interface NetworkStack {

  /** Whether a network interface of that name exists in this namespace. */
  boolean linkExists(String name);

  /**
   * The link's RFC 2863 operational state as the kernel reports it, lower case: {@code up},
   * {@code down}, {@code lowerlayerdown}, {@code unknown}; {@code ""} when the link does not exist.
   * It turns {@code up} only once the kernel's link-watch work has handled the carrier change
   * (and given the device its real queueing discipline: until then it drops what it sends).
   */
  String operstate(String link);

  /** The IPv4 addresses on a link, as {@code 172.18.0.1/16}; empty when the link has none or does not exist. */
  List<String> ipv4AddressesOf(String link);

  /** The main IPv4 routing table as {@code ip -4 route show} prints it. */
  String ipv4Routes();

  /** Runs the operations in one {@code ip -batch -} process; stops at the first failing one. */
  void apply(IpBatch batch);

  /** Runs the operations inside the network namespace of {@code pid}, in one process. */
  void applyInNetnsOf(long pid, IpBatch batch);

  /** Runs an nftables script ({@code nft -f -}): one atomic transaction. */
  void nft(String script);

  /** {@code nft -n list table FAMILY NAME}, numeric output; empty when the table does not exist. */
  Optional<String> nftListTable(String family, String table);

  /** {@code iptables -S CHAIN} of the filter table; empty when iptables is not installed. */
  Optional<String> iptablesListChain(String chain);

  /** Feeds {@code iptables-restore --noflush}: inserts or deletes single rules, atomically. */
  void iptablesRestore(String restoreScript);

  /** Reads {@code /proc/sys/PATH}, e.g. {@code net/ipv4/ip_forward}; trimmed. */
  String readSysctl(String path);

  /** Writes {@code /proc/sys/PATH}, e.g. {@code net/ipv4/conf/jcbr0/route_localnet}. */
  void writeSysctl(String path, String value);

  /** The content of {@code /proc/net/NAME} (tcp, tcp6, udp, udp6) of this namespace; "" when absent. */
  String readProcNet(String name);
}
