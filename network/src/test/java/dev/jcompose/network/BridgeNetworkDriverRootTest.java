package dev.jcompose.network;

import static dev.jcompose.network.RootTestSupport.httpGet;
import static dev.jcompose.network.RootTestSupport.linkExists;
import static dev.jcompose.network.RootTestSupport.nftTableExists;
import static dev.jcompose.network.RootTestSupport.waitFor;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jcompose.linux.HostCommand;
import dev.jcompose.linux.net.ToolNetworkStack;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The driver on this host's real network stack: a bridge, two stand-in containers (processes
 * in their own network namespace), ping and HTTP between them, a port published on 127.0.0.1
 * and fetched from this JVM, then everything removed. Every host object is named {@code jct…}
 * and removed in {@link #cleanUp()} even when the test fails; the nft table is the test's own.
 */
@Tag("root")
class BridgeNetworkDriverRootTest {

  private final List<NetnsProcess> containers = new ArrayList<>();
  private final List<String> hostVeths = new ArrayList<>();
  private BridgeNetworkDriver driver;
  private String bridge;
  private String table;
  private Path webRoot;

  @BeforeAll
  static void rememberHostState() throws IOException {
    RootTestSupport.rememberIpForward();
  }

  @AfterAll
  static void restoreHostState() throws IOException {
    RootTestSupport.restoreIpForwardIfNoBridgeLeft();
  }

  @BeforeEach
  void setUp() throws IOException {
    RootTestSupport.assumeRootAndTools();
    String id = RootTestSupport.hex(3);
    bridge = "jctbr" + id;
    table = "jct" + id;
    driver = new BridgeNetworkDriver(ToolNetworkStack.host(), table);
    webRoot = Files.createTempDirectory("jct-www");
  }

  @AfterEach
  void cleanUp() throws Exception {
    if (driver == null) {
      return;
    }
    try {
      for (int i = 0; i < containers.size(); i++) {
        driver.unpublish("jct-" + i);
      }
      driver.removeBridge(bridge);
    } finally {
      for (NetnsProcess c : containers) {
        c.close();
      }
      for (String veth : hostVeths) {
        waitFor(() -> !linkExists(veth), 2000);
        if (linkExists(veth)) {
          HostCommand.runAllowingFailure(List.of("ip", "link", "del", veth), null);
        }
      }
      if (nftTableExists(table)) {
        HostCommand.runAllowingFailure(List.of("nft", "delete", "table", "ip", table), null);
      }
      if (webRoot != null) {
        try (Stream<Path> s = Files.walk(webRoot)) {
          s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
      }
    }
  }

  @Test
  void twoContainers_pingHttpPublishUnpublishRemove() throws Exception {
    SubnetAssignment net = RootTestSupport.freeTestSubnet(driver);
    AddressAllocator addresses = new AddressAllocator(net, List.of());

    driver.createBridge(bridge, net.subnet(), net.gateway());
    driver.createBridge(bridge, net.subnet(), net.gateway()); // idempotent
    assertTrue(linkExists(bridge));
    assertEquals("1", Files.readString(Path.of("/proc/sys/net/ipv4/conf", bridge, "route_localnet")).strip());
    assertEquals("1", Files.readString(Path.of("/proc/sys/net/ipv4/ip_forward")).strip());

    NetnsProcess a = start();
    NetnsProcess b = start();
    Ipv4Cidr ipA = attach(a, addresses);
    Ipv4Cidr ipB = attach(b, addresses);

    // Inside: only lo and eth0, with our address and route.
    assertEquals(List.of("lo", "eth0"), a.linkNames());
    assertTrue(a.run("ip", "-o", "-4", "addr", "show", "dev", "eth0").stdout().contains("inet " + ipA + " "));
    assertTrue(a.run("ip", "route").stdout().contains("default via " + net.gateway() + " dev eth0"));
    assertTrue(a.run("ip", "-o", "link", "show", "dev", "eth0").stdout().contains(MacAddresses.forIp(ipA.address())));

    // A reaches B by IP, and B's gateway.
    HostCommand.Result ping = a.run("busybox", "ping", "-c1", "-W2", ipB.address().toString());
    assertTrue(ping.ok(), "ping A -> B failed: " + ping.stdout() + ping.stderr());
    assertTrue(b.run("busybox", "ping", "-c1", "-W2", net.gateway().toString()).ok(), "ping B -> gateway failed");

    // B serves a file; A fetches it.
    String body = "hello from B " + RootTestSupport.hex(8) + "\n";
    Files.writeString(webRoot.resolve("hello.txt"), body);
    b.startInside("busybox", "httpd", "-f", "-p", "80", "-h", webRoot.toString());
    String url = "http://" + ipB.address() + ":80/hello.txt";
    assertTrue(waitFor(() -> a.run(RootTestSupport.wget(url)).stdout().equals(body), 5000),
        () -> "A could not fetch " + url + ": " + a.run(RootTestSupport.wget(url)) + "; B listens: " + b.run("ss", "-ltn").stdout());

    // Publish 127.0.0.1:P -> B:80 and fetch from this JVM and from curl.
    int port = RootTestSupport.freeLocalPort();
    List<PortMapping> published = driver.publish("jct-1", List.of(PortMapping.tcp("127.0.0.1", port, ipB.address(), 80)));
    assertEquals(port, published.get(0).hostPort());
    assertEquals(body, httpGet("http://127.0.0.1:" + port + "/hello.txt"));
    HostCommand.Result curl = HostCommand.runAllowingFailure(
        List.of("curl", "-s", "--noproxy", "*", "--max-time", "3", "http://127.0.0.1:" + port + "/hello.txt"), null);
    assertEquals(body, curl.stdout());
    assertTrue(driver.publishedPorts().contains(new PublishedPort(TransportProtocol.TCP, "127.0.0.1", port, "jct-1")));

    // The same host port for another container: Docker's message.
    NetworkException taken = assertThrows(NetworkException.class,
        () -> driver.publish("jct-0", List.of(PortMapping.tcp("", port, ipA.address(), 80))));
    assertTrue(taken.getMessage().startsWith("Bind for 0.0.0.0:" + port + " failed: port is already allocated"), taken.getMessage());

    // A host program listening on a port: refused, and it keeps its port.
    try (ServerSocket hostProgram = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
      int busy = hostProgram.getLocalPort();
      NetworkException inUse = assertThrows(NetworkException.class,
          () -> driver.publish("jct-0", List.of(PortMapping.tcp("127.0.0.1", busy, ipA.address(), 80))));
      assertTrue(inUse.getMessage().startsWith("Bind for 127.0.0.1:" + busy + " failed: port is already in use by a program on this host"),
          inUse.getMessage());
    }

    // Unpublish: the port stops answering.
    driver.unpublish("jct-1");
    assertThrows(IOException.class, () -> httpGet("http://127.0.0.1:" + port + "/hello.txt"));
    assertTrue(driver.publishedPorts().isEmpty());

    // Remove the bridge: no link, no table (it was the last bridge in it), no iptables rule.
    driver.removeBridge(bridge);
    driver.removeBridge(bridge); // idempotent
    assertFalse(linkExists(bridge));
    assertFalse(nftTableExists(table), "table ip " + table + " should be gone with its last bridge");
    assertFalse(RootTestSupport.iptablesForward().contains(IptablesForwardRules.comment(bridge)));

    // The containers die: their veths go with them (a few ms later).
    for (NetnsProcess c : containers) {
      c.close();
    }
    for (String veth : hostVeths) {
      assertTrue(waitFor(() -> !linkExists(veth), 2000), veth + " still exists 2 s after its namespace died");
    }
  }

  @Test
  void removeBridge_halfRemoved_finishesTheJob() throws Exception {
    SubnetAssignment net = RootTestSupport.freeTestSubnet(driver);
    driver.createBridge(bridge, net.subnet(), net.gateway());
    HostCommand.run(List.of("ip", "link", "del", bridge)); // someone removed the link already
    driver.removeBridge(bridge);
    assertFalse(nftTableExists(table));
  }

  @Test
  void twoBridges_tableStaysUntilTheLastGoes() throws Exception {
    String second = bridge + "b";
    try {
      SubnetAssignment n1 = RootTestSupport.freeTestSubnet(driver);
      driver.createBridge(bridge, n1.subnet(), n1.gateway());
      List<Ipv4Cidr> inUse = List.of(n1.subnet());
      SubnetAssignment n2 = new SubnetAllocator(List.of(new AddressPool(Ipv4Cidr.of(n1.subnet().address(), 16).network(), 24)))
          .allocate(inUse, driver.hostRoutes());
      driver.createBridge(second, n2.subnet(), n2.gateway());
      driver.removeBridge(bridge);
      assertTrue(nftTableExists(table), "the second bridge still needs the table");
      driver.removeBridge(second);
      assertFalse(nftTableExists(table));
    } finally {
      driver.removeBridge(second);
    }
  }

  @Test
  void attach_sameHostVethNameTwice_failsClearly_andLeavesNothing() throws Exception {
    SubnetAssignment net = RootTestSupport.freeTestSubnet(driver);
    AddressAllocator addresses = new AddressAllocator(net, List.of());
    driver.createBridge(bridge, net.subnet(), net.gateway());
    NetnsProcess a = start();
    NetnsProcess b = start();
    String veth = VethNames.newHostName("jct");
    hostVeths.add(veth);
    driver.attach(a.pid(), bridge, veth, "eth0", addresses.allocate(), net.gateway(), null);
    NetworkException e = assertThrows(NetworkException.class,
        () -> driver.attach(b.pid(), bridge, veth, "eth0", addresses.allocate(), net.gateway(), null));
    assertTrue(e.getMessage().contains("File exists"), e.getMessage());
    assertTrue(e.getMessage().contains("take a fresh one from VethNames.newHostName()"), e.getMessage());
    assertEquals(List.of("lo"), b.linkNames());
  }

  private NetnsProcess start() throws Exception {
    NetnsProcess p = NetnsProcess.start();
    containers.add(p);
    return p;
  }

  private Ipv4Cidr attach(NetnsProcess c, AddressAllocator addresses) {
    Ipv4Cidr ip = addresses.allocate();
    String veth = VethNames.newHostName("jct");
    hostVeths.add(veth);
    driver.attach(c.pid(), bridge, veth, "eth0", ip, addresses.network().gateway(), MacAddresses.forIp(ip.address()));
    return ip;
  }
}
