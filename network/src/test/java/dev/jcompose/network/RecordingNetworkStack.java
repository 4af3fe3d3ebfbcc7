package dev.jcompose.network;

import dev.jcompose.linux.HostCommandException;
import dev.jcompose.linux.net.IpBatch;
import dev.jcompose.linux.net.NetworkStack;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** A {@link NetworkStack} that records what it was asked to do and answers from canned state. */
final class RecordingNetworkStack implements NetworkStack {

  final List<String> calls = Collections.synchronizedList(new ArrayList<>()); // removeBridge deletes the link on its own thread
  final Set<String> links = Collections.synchronizedSet(new HashSet<>());
  final Map<String, List<String>> addresses = new HashMap<>();
  final Map<String, String> sysctls = new HashMap<>(Map.of("net/ipv4/ip_forward", "0",
      "net/ipv4/ip_local_port_range", "32768\t60999"));
  final Map<String, String> procNet = new HashMap<>();
  String nftTableListing; // null: the table does not exist
  String iptablesForward = "-P FORWARD ACCEPT\n"; // null: iptables is not installed
  String routes = "";
  /** A call whose text starts with this fails. */
  String failOn;
  String failStderr = "RTNETLINK answers: Operation not permitted";

  @Override
  public boolean linkExists(String name) {
    return links.contains(name);
  }

  @Override
  public String operstate(String link) {
    return links.contains(link) ? "up" : "";
  }

  @Override
  public List<String> ipv4AddressesOf(String link) {
    return addresses.getOrDefault(link, List.of());
  }

  @Override
  public String ipv4Routes() {
    return routes;
  }

  @Override
  public void apply(IpBatch batch) {
    record("ip: " + batch);
    for (String l : batch.lines()) {
      String[] t = l.split(" ");
      if (l.startsWith("link add name ")) {
        links.add(t[3]);
      } else if (l.startsWith("link del dev ")) {
        links.remove(t[3]);
      }
    }
  }

  @Override
  public void applyInNetnsOf(long pid, IpBatch batch) {
    record("ip in " + pid + ": " + batch);
  }

  @Override
  public void nft(String script) {
    record("nft: " + script);
  }

  @Override
  public Optional<String> nftListTable(String family, String table) {
    return Optional.ofNullable(nftTableListing);
  }

  @Override
  public Optional<String> iptablesListChain(String chain) {
    return Optional.ofNullable(iptablesForward);
  }

  @Override
  public void iptablesRestore(String restoreScript) {
    record("iptables-restore: " + restoreScript);
  }

  @Override
  public String readSysctl(String path) {
    return sysctls.getOrDefault(path, "");
  }

  @Override
  public void writeSysctl(String path, String value) {
    record("sysctl: " + path + "=" + value);
    sysctls.put(path, value);
  }

  @Override
  public String readProcNet(String name) {
    return procNet.getOrDefault(name, "");
  }

  List<String> callsStartingWith(String prefix) {
    synchronized (calls) {
      return calls.stream().filter(c -> c.startsWith(prefix)).toList();
    }
  }

  private void record(String call) {
    if (failOn != null && call.startsWith(failOn)) {
      calls.add("FAILED " + call);
      throw new HostCommandException("`" + call.split(":")[0] + "` failed with exit code 2: " + failStderr,
          List.of(call.split(":")[0]), 2, failStderr, null);
    }
    calls.add(call);
  }
}
