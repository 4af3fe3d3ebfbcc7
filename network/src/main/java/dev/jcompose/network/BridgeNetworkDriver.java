package dev.jcompose.network;

import dev.jcompose.linux.HostCommandException;
import dev.jcompose.linux.net.IpBatch;
import dev.jcompose.linux.net.NetworkStack;
import dev.jcompose.linux.net.ToolNetworkStack;
import java.io.UncheckedIOException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * Bridge networks on the host, the way Docker's bridge driver makes them: a Linux bridge with
 * the gateway address, a veth pair per container endpoint, masquerade for outgoing traffic and
 * DNAT for published ports. This is the class the engine calls.
 *
 * <p>Host changes go through a {@link NetworkStack}, one {@code ip -batch} (or {@code nft -f})
 * process per step, never one per operation. The driver keeps no state of its own: the kernel
 * (links, the nftables table {@code ip jcompose}, iptables) is the truth, which is why every
 * call is idempotent and a restarted engine finds its published ports again.
 *
 * <p>Calls are serialised per JVM, because publish and remove read the nftables table before
 * they change it.
 */
public final class BridgeNetworkDriver {

  /** The nftables table (family ip) of jcompose. */
  public static final String DEFAULT_TABLE = "jcompose";

  private static final Object LOCK = new Object();
  private static final Pattern BRIDGE_NAME = Pattern.compile("[A-Za-z0-9_.-]{1,15}");
  private static final Pattern IF_NAME = Pattern.compile("[A-Za-z0-9_.-]{1,15}");
  private static final Pattern MAC = Pattern.compile("[0-9a-fA-F]{2}(:[0-9a-fA-F]{2}){5}");

  private final NetworkStack stack;
  private final NftTable table;
  private final SecureRandom random = new SecureRandom();

  /** The driver for the host the engine runs on, with the table {@code ip jcompose}. */
  public static BridgeNetworkDriver onHost() {
    return new BridgeNetworkDriver(ToolNetworkStack.host(), DEFAULT_TABLE);
  }

  /**
   * @param stack the network namespace to work in (the host's, or a test's private one)
   * @param nftTable the name of our nftables table (tests use their own so they never touch the engine's)
   */
  public BridgeNetworkDriver(NetworkStack stack, String nftTable) {
    this.stack = stack;
    this.table = new NftTable(nftTable);
  }

  public String nftTable() {
    return table.name();
  }

  // ---------------------------------------------------------------------------------- bridges

  /**
   * Creates the bridge {@code bridgeName} with {@code gateway/prefix} and brings it up, turns on
   * IPv4 forwarding, sets {@code route_localnet=1} on it (127.0.0.1 DNAT), adds its forward,
   * isolation and masquerade rules to our nftables table and, when iptables' FORWARD chain may drop, its
   * ACCEPT rules there. Idempotent: calling it again for a bridge with this address refreshes
   * the rules. On failure, what this call created is removed again.
   *
   * @throws NetworkException CONFLICT when a link of that name exists with another address
   */
  public void createBridge(String bridgeName, Ipv4Cidr subnet, Ipv4Address gateway) {
    createBridge(bridgeName, subnet, gateway, NetworkReach.EXTERNAL);
  }

  /**
   * {@link #createBridge(String, Ipv4Cidr, Ipv4Address)} for a network that may be internal: an
   * {@link NetworkReach#INTERNAL} bridge gets no masquerade and nothing is forwarded into or out
   * of it. Every bridge is isolated from the others of our table. Calling it again with another
   * reach switches the rules.
   */
  public void createBridge(String bridgeName, Ipv4Cidr subnet, Ipv4Address gateway, NetworkReach reach) {
    checkName(BRIDGE_NAME, bridgeName, "bridge name");
    SubnetAssignment addressing = new SubnetAssignment(subnet, gateway);
    String cidr = addressing.gatewayCidr().toString();
    String action = "create bridge " + bridgeName + " with " + cidr;
    synchronized (LOCK) {
      boolean existed = call(action, null, () -> stack.linkExists(bridgeName));
      IpBatch batch = new IpBatch();
      if (existed) {
        List<String> addresses = call(action, null, () -> stack.ipv4AddressesOf(bridgeName));
        if (!addresses.contains(cidr)) {
          if (!addresses.isEmpty()) {
            throw new NetworkException(NetworkException.Kind.CONFLICT,
                "Tried to " + action + " but failed because: a link named " + bridgeName + " already exists with "
                    + String.join(", ", addresses) + ". Remove the old network (or `ip link del " + bridgeName
                    + "` if nothing uses it) or choose another bridge name");
          }
          batch.addAddress(bridgeName, cidr);
        }
        batch.setUp(bridgeName);
      } else {
        // a fixed MAC: a bridge without one takes its lowest port's and changes it when a container
        // joins, and the others then lose the gateway (and the DNS server on it) for seconds
        batch.addBridge(bridgeName, MacAddresses.forIp(gateway)).addAddress(bridgeName, cidr).setUp(bridgeName);
      }
      try {
        run(action, "make sure the process has CAP_NET_ADMIN", () -> stack.apply(batch));
        enableForwarding(action);
        run(action, "jcompose needs net.ipv4.conf." + bridgeName + ".route_localnet=1 to publish ports on 127.0.0.1;"
                + " is /proc/sys read-only here?",
            () -> stack.writeSysctl("net/ipv4/conf/" + bridgeName + "/route_localnet", "1"));
        run(action + " (nftables rules in table " + table.ref() + ")", "check that nftables works: `nft list ruleset`",
            () -> stack.nft(BridgeRules.add(table, bridgeName, addressing.subnet(), reach)));
        run(action + " (iptables FORWARD accept rules)", "check `iptables -S FORWARD`",
            () -> ensureForwardAccepted(bridgeName));
      } catch (NetworkException e) {
        if (!existed) {
          try {
            removeBridge(bridgeName);
          } catch (NetworkException cleanup) {
            e.addSuppressed(cleanup);
          }
        }
        throw e;
      }
    }
  }

  /**
   * Deletes the bridge, its nftables chains (and the table when no other bridge or published
   * port is left in it) and its iptables rules. Idempotent, and it finishes every step even when
   * one fails or was done before (a half-removed network).
   */
  public void removeBridge(String bridgeName) {
    checkName(BRIDGE_NAME, bridgeName, "bridge name");
    String action = "remove bridge " + bridgeName;
    synchronized (LOCK) {
      List<NetworkException> failures = Collections.synchronizedList(new ArrayList<>());
      // Deleting a bridge costs the kernel 50-100 ms here (unregistering a netdev waits for RCU
      // grace periods); the firewall steps do not depend on it, so they run meanwhile.
      Thread linkDeletion = new Thread(() -> collect(failures, () -> run(action, null, () -> {
        if (stack.linkExists(bridgeName)) {
          stack.apply(new IpBatch().deleteLink(bridgeName));
        }
      })), "jcompose-remove-" + bridgeName);
      linkDeletion.start();
      collect(failures, () -> run(action + " (nftables rules in table " + table.ref() + ")", null, () -> {
        Optional<String> listing = stack.nftListTable(NftTable.FAMILY, table.name());
        if (listing.isPresent()) {
          String script = BridgeRules.remove(table, bridgeName, NftTableListing.parse(listing.get()));
          if (!script.isEmpty()) {
            stack.nft(script);
          }
        }
      }));
      collect(failures, () -> run(action + " (iptables FORWARD rules)", null, () -> {
        Optional<String> listing = stack.iptablesListChain("FORWARD");
        if (listing.isPresent()) {
          List<String> rules = IptablesForwardRules.rulesOf(listing.get(), bridgeName);
          if (!rules.isEmpty()) {
            stack.iptablesRestore(IptablesForwardRules.deleteScript(rules));
          }
        }
      }));
      try {
        linkDeletion.join();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new NetworkException(NetworkException.Kind.HOST_FAILURE,
            "interrupted while waiting for bridge " + bridgeName + " to be deleted; run removeBridge again", e);
      }
      if (!failures.isEmpty()) {
        NetworkException first = failures.get(0);
        NetworkException e = new NetworkException(NetworkException.Kind.HOST_FAILURE,
            first.getMessage() + ". Removal is idempotent: run it again; by hand: `ip link del " + bridgeName
                + "`, `nft list table " + table.ref() + "`, `iptables -S FORWARD | grep " + IptablesForwardRules.comment(bridgeName) + "`",
            first.getCause());
        failures.stream().skip(1).forEach(e::addSuppressed);
        throw e;
      }
    }
  }

  // -------------------------------------------------------------------------------- endpoints

  /**
   * Connects the network namespace of {@code containerPid} to the bridge: a veth pair whose
   * container end is created directly in that namespace as {@code containerIfName}, the host end
   * {@code hostVethName} enslaved to the bridge in hairpin mode (a container may reach its own
   * published port through the host) and up; inside, the address, the link and
   * {@code lo} up, and a default route via {@code gateway}. Two processes: one {@code ip -batch}
   * on the host, one {@code nsenter -t PID -n ip -batch} inside. If the inside step fails the
   * pair is deleted again.
   *
   * @param hostVethName a fresh name from {@link VethNames#newHostName()}
   * @param containerIfName {@code eth0} for the first network, {@code eth1} … for more
   * @param addressWithPrefix the container's address with the subnet's prefix, {@code 172.18.0.2/16}
   * @param gateway the default route, or null for none (a container's second network)
   * @param macAddress {@code 02:42:ac:12:00:02} ({@link MacAddresses#forIp}), or null for a random one
   */
  public void attach(long containerPid, String bridgeName, String hostVethName, String containerIfName,
      Ipv4Cidr addressWithPrefix, Ipv4Address gateway, String macAddress) {
    checkName(BRIDGE_NAME, bridgeName, "bridge name");
    checkName(IF_NAME, hostVethName, "host veth name");
    checkName(IF_NAME, containerIfName, "container interface name");
    if (containerPid <= 0) {
      throw new NetworkException(NetworkException.Kind.INVALID_ARGUMENT, "invalid container process id " + containerPid);
    }
    if (!addressWithPrefix.network().isUsableHost(addressWithPrefix.address())) {
      throw new NetworkException(NetworkException.Kind.INVALID_ARGUMENT,
          "address " + addressWithPrefix + " is the network or broadcast address of " + addressWithPrefix.network());
    }
    if (gateway != null && !addressWithPrefix.contains(gateway)) {
      throw new NetworkException(NetworkException.Kind.INVALID_ARGUMENT,
          "gateway " + gateway + " is not inside " + addressWithPrefix.network() + " of address " + addressWithPrefix);
    }
    if (macAddress != null && !MAC.matcher(macAddress).matches()) {
      throw new NetworkException(NetworkException.Kind.INVALID_ARGUMENT,
          "invalid MAC address \"" + macAddress + "\" (expected six hex pairs such as 02:42:ac:12:00:02)");
    }
    String action = "attach process " + containerPid + " to bridge " + bridgeName + " as " + containerIfName + " "
        + addressWithPrefix + " (host end " + hostVethName + ")";
    if (!call(action, null, () -> stack.linkExists(bridgeName))) {
      throw new NetworkException(NetworkException.Kind.INVALID_ARGUMENT,
          "Tried to " + action + " but failed because: bridge " + bridgeName + " does not exist. Create the network first");
    }
    IpBatch host = new IpBatch()
        .addVethWithPeerInNetnsOf(hostVethName, containerIfName, containerPid, macAddress)
        .setMaster(hostVethName, bridgeName)
        .setHairpin(hostVethName)
        .setUp(hostVethName);
    IpBatch inside = new IpBatch()
        .addAddress(containerIfName, addressWithPrefix.toString())
        .setUp(containerIfName)
        .setUp("lo");
    if (gateway != null) {
      inside.addDefaultRoute(gateway.toString(), containerIfName);
    }
    run(action, attachHint(hostVethName, containerPid), () -> stack.apply(host));
    try {
      run(action + " (inside the container's network namespace)", "is process " + containerPid + " still running?",
          () -> stack.applyInNetnsOf(containerPid, inside));
      awaitOperstateUp(hostVethName);
    } catch (NetworkException e) {
      try {
        detach(hostVethName);
      } catch (NetworkException cleanup) {
        e.addSuppressed(cleanup);
      }
      throw e;
    }
  }

  /**
   * Deletes a container's veth pair by its host end (both ends go). Idempotent. Not needed when
   * the container's namespace dies: the kernel then removes the pair by itself, a few ms later.
   */
  public void detach(String hostVethName) {
    checkName(IF_NAME, hostVethName, "host veth name");
    run("detach " + hostVethName, null, () -> {
      if (stack.linkExists(hostVethName)) {
        stack.apply(new IpBatch().deleteLink(hostVethName));
      }
    });
  }

  // ------------------------------------------------------------------------------------ ports

  /**
   * Publishes a container's ports with nftables DNAT, replacing what was published for
   * {@code containerKey} before (so calling it again is harmless). Mappings with host port 0
   * get a free port from {@code net.ipv4.ip_local_port_range}.
   *
   * @return the mappings as published, host ports decided
   * @throws NetworkException CONFLICT "Bind for 127.0.0.1:8080 failed: port is already allocated"
   *     when another container has it, or "... already in use by a program on this host" when a
   *     host program listens on it
   */
  public List<PortMapping> publish(String containerKey, List<PortMapping> ports) {
    return publish(containerKey, ports, false);
  }

  /**
   * {@link #publish(String, List)} for ports the caller holds itself (the port proxy has bound
   * them): its own sockets on those ports are not a program that DNAT would rob, so listening
   * sockets are not checked. Other containers' published ports still are.
   */
  public List<PortMapping> publish(String containerKey, List<PortMapping> requested, boolean portsHeldByCaller) {
    PortRules.checkKey(containerKey);
    String action = "publish ports " + requested + " for container " + containerKey;
    List<PortMapping> ipv6 = requested.stream().filter(PortMapping::isIpv6).toList();
    if (!ipv6.isEmpty() && !portsHeldByCaller) {
      throw new NetworkException(NetworkException.Kind.INVALID_ARGUMENT, "Tried to " + action + " but " + ipv6
          + " have an IPv6 host address, which DNAT rules (IPv4) cannot publish: the port proxy serves those", null);
    }
    List<PortMapping> ports = requested.stream().filter(p -> !p.isIpv6()).toList(); // the proxy holds the IPv6 ones
    synchronized (LOCK) {
      NftTableListing listing = readTable(action);
      List<ListeningSocket> listening = portsHeldByCaller ? List.of() : call(action, null, () -> listeningSockets(ports));
      int[] range = ports.stream().anyMatch(p -> p.hostPort() == 0) ? ephemeralRange(action) : new int[] {49153, 65535};
      List<PortMapping> resolved = new HostPortPlanner(range[0], range[1], random)
          .plan(containerKey, ports, listing.publishedPorts(), listening);
      String script = PortRules.publish(table, containerKey, resolved, listing);
      try {
        stack.nft(script);
      } catch (HostCommandException e) {
        if (e.stderr().contains("File exists")) {
          throw new NetworkException(NetworkException.Kind.CONFLICT,
              "Tried to " + action + " but failed because: one of these host ports was published by another process at"
                  + " the same time (port is already allocated). Publish another host port",
              e);
        }
        throw NetworkException.hostFailure(action, e, "check that nftables works: `nft list table " + table.ref() + "`");
      }
      return resolved;
    }
  }

  /** Removes every published port of the container. Idempotent. */
  public void unpublish(String containerKey) {
    PortRules.checkKey(containerKey);
    String action = "unpublish the ports of container " + containerKey;
    synchronized (LOCK) {
      run(action, "check `nft list table " + table.ref() + "`", () -> {
        Optional<String> listing = stack.nftListTable(NftTable.FAMILY, table.name());
        if (listing.isPresent()) {
          String script = PortRules.unpublish(table, containerKey, NftTableListing.parse(listing.get()));
          if (!script.isEmpty()) {
            stack.nft(script);
          }
        }
      });
    }
  }

  /** Every port jcompose publishes now, with the container it belongs to (for an engine restart, or inspect). */
  public List<PublishedPort> publishedPorts() {
    synchronized (LOCK) {
      return readTable("list published ports").publishedPorts();
    }
  }

  // ------------------------------------------------------------------------------------- IPAM

  /** The destinations of the host's routes, for {@link SubnetAllocator#allocate}. */
  public List<Ipv4Cidr> hostRoutes() {
    return call("read the host's routes", "is iproute2 installed?", () -> HostRoutes.parse(stack.ipv4Routes()));
  }

  // ---------------------------------------------------------------------------------- helpers

  /**
   * Waits (up to a second) until the kernel has handled the veth pair's carrier change. Until its
   * link-watch work has run, a just-enabled device still has the no-op queueing discipline and
   * drops what it sends: measured here without this wait, 1 to 3 in 60 freshly attached containers
   * lost the ARP answer to their first ping (the neighbour entry stayed INCOMPLETE), which costs
   * a TCP client a one-second SYN retransmit. Both ends' events are
   * handled in the same link-watch run, so the host end (a sysfs read) stands for both. Not
   * reaching {@code up} is no error: the link works, just later.
   */
  private void awaitOperstateUp(String hostVethName) {
    long deadline = System.nanoTime() + 1_000_000_000L;
    while (!"up".equals(stack.operstate(hostVethName)) && System.nanoTime() < deadline) {
      try {
        Thread.sleep(0, 200_000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }

  private void enableForwarding(String action) {
    run(action, "jcompose needs net.ipv4.ip_forward=1 for containers to reach other networks; is /proc/sys read-only here?",
        () -> {
          if (!"1".equals(stack.readSysctl("net/ipv4/ip_forward"))) {
            stack.writeSysctl("net/ipv4/ip_forward", "1");
          }
        });
  }

  private void ensureForwardAccepted(String bridge) {
    Optional<String> listing = stack.iptablesListChain("FORWARD");
    if (listing.isEmpty()) {
      return; // no iptables: nothing there can drop our traffic
    }
    if (!IptablesForwardRules.rulesOf(listing.get(), bridge).isEmpty()) {
      return; // added before
    }
    if (IptablesForwardRules.mayDrop(listing.get())) {
      stack.iptablesRestore(IptablesForwardRules.insertScript(bridge));
    }
  }

  private NftTableListing readTable(String action) {
    return call(action, "check that nftables works: `nft list tables`",
        () -> stack.nftListTable(NftTable.FAMILY, table.name()).map(NftTableListing::parse).orElse(NftTableListing.ABSENT));
  }

  private List<ListeningSocket> listeningSockets(List<PortMapping> ports) {
    Set<TransportProtocol> protocols = EnumSet.noneOf(TransportProtocol.class);
    ports.forEach(p -> protocols.add(p.protocol()));
    List<ListeningSocket> out = new ArrayList<>();
    if (protocols.contains(TransportProtocol.TCP)) {
      out.addAll(ListeningSockets.parseTcp(stack.readProcNet("tcp")));
      out.addAll(ListeningSockets.parseTcp(stack.readProcNet("tcp6")));
    }
    if (protocols.contains(TransportProtocol.UDP)) {
      out.addAll(ListeningSockets.parseUdp(stack.readProcNet("udp")));
      out.addAll(ListeningSockets.parseUdp(stack.readProcNet("udp6")));
    }
    return out;
  }

  private int[] ephemeralRange(String action) {
    String text = call(action, null, () -> stack.readSysctl("net/ipv4/ip_local_port_range"));
    String[] parts = text.strip().split("\\s+");
    try {
      return new int[] {Integer.parseInt(parts[0]), Integer.parseInt(parts[1])};
    } catch (RuntimeException e) {
      return new int[] {49153, 65535}; // Docker's range before it read the sysctl
    }
  }

  private static String attachHint(String hostVethName, long pid) {
    return "if the name " + hostVethName + " exists, take a fresh one from VethNames.newHostName() (a dead container's"
        + " veth lingers a few ms); if the process " + pid + " is gone, the container exited; the container's interface name"
        + " must be free inside it";
  }

  private static void checkName(Pattern p, String value, String what) {
    if (value == null || !p.matcher(value).matches()) {
      throw new NetworkException(NetworkException.Kind.INVALID_ARGUMENT,
          "invalid " + what + " \"" + value + "\": use 1-15 of A-Z a-z 0-9 _ . -");
    }
  }

  private static void collect(List<NetworkException> failures, Runnable step) {
    try {
      step.run();
    } catch (NetworkException e) {
      failures.add(e);
    }
  }

  private static void run(String action, String hint, Runnable step) {
    call(action, hint, () -> {
      step.run();
      return null;
    });
  }

  private static <T> T call(String action, String hint, Supplier<T> step) {
    try {
      return step.get();
    } catch (NetworkException e) {
      throw e;
    } catch (HostCommandException | UncheckedIOException | IllegalArgumentException e) {
      throw NetworkException.hostFailure(action, e, hint);
    }
  }
}
