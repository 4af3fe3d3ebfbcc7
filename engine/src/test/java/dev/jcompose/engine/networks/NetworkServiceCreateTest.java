package dev.jcompose.engine.networks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jcompose.api.model.NetworkCreateRequest;
import dev.jcompose.engine.http.ApiException;
import dev.jcompose.linux.HostCommandException;
import dev.jcompose.linux.net.IpBatch;
import dev.jcompose.linux.net.NetworkStack;
import dev.jcompose.network.BridgeNetworkDriver;
import dev.jcompose.network.SubnetAllocator;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A network's record is on disk before its bridge is made: an engine killed in between leaves a
 * record a restarted engine acts on (restore makes the bridge, remove takes it), never a bridge
 * no record names. A failed create leaves neither.
 */
class NetworkServiceCreateTest {
  @TempDir Path root;
  private final List<Boolean> recordOnDiskAtEachIpCall = new ArrayList<>();
  private boolean failIp;

  @Test
  void create_writesTheRecordBeforeTheBridgeIsMade() throws IOException {
    NetworkService networks = new NetworkService(root, new BridgeNetworkDriver(new FakeStack(), "jctest"), SubnetAllocator.withDefaultPools());
    networks.create(request("proj_default"));
    assertTrue(!recordOnDiskAtEachIpCall.isEmpty() && !recordOnDiskAtEachIpCall.contains(false),
        "the record exists whenever ip runs: " + recordOnDiskAtEachIpCall);
    assertEquals(1, records().size());
  }

  @Test
  void create_bridgeFails_noRecordIsLeft() throws IOException {
    failIp = true;
    NetworkService networks = new NetworkService(root, new BridgeNetworkDriver(new FakeStack(), "jctest"), SubnetAllocator.withDefaultPools());
    ApiException e = assertThrows(ApiException.class, () -> networks.create(request("proj_default")));
    assertEquals(500, e.status());
    assertTrue(e.getMessage().startsWith("failed to create network proj_default: "), e.getMessage());
    assertEquals(List.of(), records());
    assertTrue(networks.find("proj_default").isEmpty());
  }

  private static NetworkCreateRequest request(String name) {
    return new NetworkCreateRequest(name, true, "bridge", false, false, null, Map.of(), Map.of());
  }

  private List<Path> records() throws IOException {
    Path dir = root.resolve("networks");
    if (!Files.isDirectory(dir)) {
      return List.of();
    }
    try (Stream<Path> s = Files.walk(dir)) {
      return s.filter(p -> p.getFileName().toString().equals("network.json")).toList();
    }
  }

  private final class FakeStack implements NetworkStack {
    private final List<String> links = new ArrayList<>();

    @Override public boolean linkExists(String name) { return links.contains(name); }
    @Override public String operstate(String link) { return "up"; }
    @Override public List<String> ipv4AddressesOf(String link) { return List.of(); }
    @Override public String ipv4Routes() { return ""; }

    @Override
    public void apply(IpBatch batch) {
      try {
        recordOnDiskAtEachIpCall.add(!records().isEmpty());
      } catch (IOException e) {
        throw new IllegalStateException(e);
      }
      if (failIp) {
        throw new HostCommandException("ip -batch - failed: RTNETLINK answers: Operation not permitted", List.of("ip", "-batch", "-"), 2,
            "RTNETLINK answers: Operation not permitted", null);
      }
    }

    @Override public void applyInNetnsOf(long pid, IpBatch batch) { throw new UnsupportedOperationException(); }
    @Override public void nft(String script) { }
    @Override public Optional<String> nftListTable(String family, String table) { return Optional.empty(); }
    @Override public Optional<String> iptablesListChain(String chain) { return Optional.empty(); }
    @Override public void iptablesRestore(String restoreScript) { }
    @Override public String readSysctl(String path) { return "1"; }
    @Override public void writeSysctl(String path, String value) { }
    @Override public String readProcNet(String name) { return ""; }
  }
}
