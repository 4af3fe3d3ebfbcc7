package dev.jcompose.linux.net;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * A group of iproute2 operations that run together in one {@code ip -batch -} process (one
 * line per operation). Spawning a process per operation costs about 5 ms each on our machines,
 * the kernel work about 0.3 ms; so callers collect one step's operations here and apply them at
 * once. The operations are typed so that an in-process netlink implementation can replace the
 * {@code ip} process later without changing the callers.
 *
 * <p>Every name and address is checked before it goes into the script: a newline or a space
 * in a name would otherwise smuggle another command into the batch.
 */
public final class IpBatch {

  private static final Pattern LINK_NAME = Pattern.compile("[A-Za-z0-9_.@:-]{1,15}");
  private static final Pattern IPV4_CIDR = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}/\\d{1,2}");
  private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");
  private static final Pattern MAC = Pattern.compile("[0-9a-fA-F]{2}(:[0-9a-fA-F]{2}){5}");

  private final List<String> lines = new ArrayList<>();

  /** {@code link add name NAME type bridge}. */
  public IpBatch addBridge(String name) {
    return add("link add name " + link(name) + " type bridge");
  }

  /**
   * {@code link add name NAME address MAC type bridge}: a bridge whose MAC address is set keeps
   * it, while one without takes the lowest MAC of its ports and so changes when a container
   * joins, which leaves the other containers' ARP entry for the gateway stale for seconds.
   */
  public IpBatch addBridge(String name, String macAddress) {
    return add("link add name " + link(name) + " address " + check(MAC, macAddress, "MAC address") + " type bridge");
  }

  /**
   * A veth pair whose peer is created directly inside the network namespace of {@code pid},
   * already carrying its final name there ({@code link add name H type veth peer name P
   * [address MAC] netns PID}). The peer name only has to be unique inside that namespace.
   */
  public IpBatch addVethWithPeerInNetnsOf(String hostName, String peerName, long pid, String peerMac) {
    if (pid <= 0) {
      throw new IllegalArgumentException("not a process id: " + pid);
    }
    String mac = peerMac == null ? "" : " address " + check(MAC, peerMac, "MAC address");
    return add("link add name " + link(hostName) + " type veth peer name " + link(peerName) + mac + " netns " + pid);
  }

  /** {@code address add CIDR dev DEV}, e.g. {@code 172.18.0.1/16}. */
  public IpBatch addAddress(String dev, String ipv4Cidr) {
    return add("address add " + check(IPV4_CIDR, ipv4Cidr, "IPv4 address/prefix") + " dev " + link(dev));
  }

  /** {@code link set dev DEV master MASTER}. */
  public IpBatch setMaster(String dev, String master) {
    return add("link set dev " + link(dev) + " master " + link(master));
  }

  /**
   * {@code link set dev DEV type bridge_slave hairpin on}: the bridge may send a frame back out
   * of the port it came in on. Needed when a container reaches its own published port through
   * the host (the DNAT happens while the frame is being bridged, with br_netfilter).
   */
  public IpBatch setHairpin(String bridgePort) {
    return add("link set dev " + link(bridgePort) + " type bridge_slave hairpin on");
  }

  /** {@code link set dev DEV up}. */
  public IpBatch setUp(String dev) {
    return add("link set dev " + link(dev) + " up");
  }

  /** {@code route add default via GATEWAY dev DEV}. */
  public IpBatch addDefaultRoute(String gateway, String dev) {
    return add("route add default via " + check(IPV4, gateway, "IPv4 gateway") + " dev " + link(dev));
  }

  /** {@code link del dev NAME}: for a veth this removes both ends. */
  public IpBatch deleteLink(String name) {
    return add("link del dev " + link(name));
  }

  public boolean isEmpty() {
    return lines.isEmpty();
  }

  public List<String> lines() {
    return List.copyOf(lines);
  }

  /** The text fed to {@code ip -batch -}: one operation a line. */
  public String script() {
    StringBuilder sb = new StringBuilder();
    for (String line : lines) {
      sb.append(line).append('\n');
    }
    return sb.toString();
  }

  @Override
  public String toString() {
    return String.join("; ", lines);
  }

  private IpBatch add(String line) {
    lines.add(line);
    return this;
  }

  private static String link(String name) {
    return check(LINK_NAME, name, "interface name (1-15 of A-Z a-z 0-9 _ . @ : -)");
  }

  private static String check(Pattern p, String value, String what) {
    if (value == null || !p.matcher(value).matches()) {
      throw new IllegalArgumentException("not a valid " + what + ": \"" + value + "\"");
    }
    return value;
  }
}
