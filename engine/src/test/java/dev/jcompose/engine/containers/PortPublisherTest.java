package dev.jcompose.engine.containers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jcompose.api.model.PortBinding;
import dev.jcompose.engine.http.ApiException;
import dev.jcompose.engine.networks.Endpoint;
import dev.jcompose.linux.net.IpBatch;
import dev.jcompose.linux.net.NetworkStack;
import dev.jcompose.network.BridgeNetworkDriver;
import dev.jcompose.network.proxy.PortProxy;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The publisher without root: the proxy binds ports on 127.0.0.1 and forwards to a server of
 * this test on 127.0.0.1 (standing in for the container's address); nftables is a recording fake.
 */
class PortPublisherTest {

  private final List<String> nftScripts = new ArrayList<>();
  private PortProxy proxy;
  private PortPublisher publisher;
  private ServerSocket backend;

  @BeforeEach
  void setUp() throws IOException {
    proxy = PortProxy.start(true, Duration.ofSeconds(5));
    publisher = new PortPublisher(new BridgeNetworkDriver(new FakeStack(), "jctest"), proxy, true);
    backend = new ServerSocket(0, 50, InetAddress.getByName("127.0.0.1"));
  }

  @AfterEach
  void tearDown() throws IOException {
    proxy.close();
    backend.close();
  }

  @Test
  void publish_bindsThePortItself_addsDnat_andUnpublishFreesIt() throws Exception {
    int port = freePort();
    List<ContainerRecord.PublishedPort> out = publisher.publish("aaa", "web-1", bindings(port), endpoint());
    assertEquals(List.of(new ContainerRecord.PublishedPort("127.0.0.1", port, backend.getLocalPort(), "tcp")), out);
    assertTrue(isTaken(port), "the proxy holds the port");
    assertTrue(String.join("", nftScripts).contains("ip daddr 127.0.0.1 tcp dport " + port + " dnat to 127.0.0.1:" + backend.getLocalPort()),
        String.join("", nftScripts));
    try (Socket s = new Socket("127.0.0.1", port)) { // the fake nft does not DNAT: the proxy answers
      backend.setSoTimeout(5000);
      try (Socket accepted = backend.accept()) {
        assertTrue(accepted.isConnected());
      }
    }
    publisher.unpublish("aaa");
    assertFalse(isTaken(port));
  }

  @Test
  void secondContainerOnTheSamePort_refusedNamingTheFirst() throws Exception {
    int port = freePort();
    publisher.publish("aaa", "web-1", bindings(port), endpoint());
    ApiException e = assertThrows(ApiException.class,
        () -> publisher.publish("bbb", "web-2", Map.of(backend.getLocalPort() + "/tcp", List.of(new PortBinding("", Integer.toString(port)))),
            endpoint()));
    assertEquals(409, e.status());
    assertEquals("Tried to publish 0.0.0.0:" + port + "->" + backend.getLocalPort() + "/tcp for container web-2 but the port is taken by"
        + " container web-1 (it publishes it already). Stop it or choose another host port in ports:", e.getMessage());
    publisher.checkAvailable("web-2", bindings(port)); // at create, ours do not count: a recreated container takes it over
  }

  @Test
  void checkAvailable_portOfAProgram_refusedNamingIt() throws Exception {
    try (ServerSocket program = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
      ApiException e = assertThrows(ApiException.class, () -> publisher.checkAvailable("web-1", bindings(program.getLocalPort())));
      assertEquals(409, e.status());
      assertTrue(e.getMessage().startsWith("Tried to publish 127.0.0.1:" + program.getLocalPort() + "->" + backend.getLocalPort()
          + "/tcp for container web-1 but the port is taken by pid " + ProcessHandle.current().pid() + " ("), e.getMessage());
      ApiException atStart = assertThrows(ApiException.class, () -> publisher.publish("aaa", "web-1", bindings(program.getLocalPort()), endpoint()));
      assertEquals(e.getMessage(), atStart.getMessage());
    }
  }

  @Test
  void adopt_bindsTheRecordedPortsAgain() throws Exception {
    int port = freePort();
    List<ContainerRecord.PublishedPort> out = publisher.publish("aaa", "web-1", bindings(port), endpoint());
    proxy.close(); // the engine went away
    proxy = PortProxy.start(true, Duration.ofSeconds(5));
    publisher = new PortPublisher(new BridgeNetworkDriver(new FakeStack(), "jctest"), proxy, false);
    assertFalse(isTaken(port));
    ContainerRecord r = new ContainerRecord("aaa", "web-1", java.time.Instant.now(), "busybox", "sha256:x", null, List.of("net"),
        RunState.created(), Map.of("net", endpoint()), out, List.of());
    publisher.adopt(r);
    assertTrue(isTaken(port));
  }

  private Map<String, List<PortBinding>> bindings(int hostPort) {
    return Map.of(backend.getLocalPort() + "/tcp", List.of(new PortBinding("127.0.0.1", Integer.toString(hostPort))));
  }

  private static Endpoint endpoint() {
    return new Endpoint("n", "net", "e", "127.0.0.1", 8, "127.0.0.254", null, List.of(), "jcv0");
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
      return s.getLocalPort();
    }
  }

  private static boolean isTaken(int port) {
    try (ServerSocket s = new ServerSocket()) {
      s.setReuseAddress(true);
      s.bind(new InetSocketAddress("127.0.0.1", port));
      return false;
    } catch (IOException e) {
      return true;
    }
  }

  /** nftables that records scripts and holds no table; nothing else is called. */
  private final class FakeStack implements NetworkStack {
    @Override public boolean linkExists(String name) { return false; }
    @Override public String operstate(String link) { return "up"; }
    @Override public List<String> ipv4AddressesOf(String link) { return List.of(); }
    @Override public String ipv4Routes() { return ""; }
    @Override public void apply(IpBatch batch) { throw new UnsupportedOperationException(); }
    @Override public void applyInNetnsOf(long pid, IpBatch batch) { throw new UnsupportedOperationException(); }
    @Override public void nft(String script) { nftScripts.add(script); }
    @Override public Optional<String> nftListTable(String family, String table) { return Optional.empty(); }
    @Override public Optional<String> iptablesListChain(String chain) { return Optional.empty(); }
    @Override public void iptablesRestore(String restoreScript) { throw new UnsupportedOperationException(); }
    @Override public String readSysctl(String path) { return "32768 60999"; }
    @Override public void writeSysctl(String path, String value) { throw new UnsupportedOperationException(); }
    @Override public String readProcNet(String name) { return ""; }
  }
}
