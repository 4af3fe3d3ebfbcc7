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
import dev.jcompose.network.proxy.PortProxy;
import dev.jcompose.network.proxy.ProxiedPort;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The port proxy on this host: a stand-in container on a bridge of the test's own serves HTTP on
 * 80 (busybox httpd) and UDP echo on 5300; its ports are published on 127.0.0.1 by the proxy
 * alone, and by DNAT with the proxy holding the port. Traffic goes only to 127.0.0.1, ::1 and
 * the container. Every object is the test's own ({@code jct…}) and removed even on failure.
 */
@Tag("root")
class PortProxyRootTest {

  private static final int UDP_PORT = 5300;

  private final List<AutoCloseable> toClose = new ArrayList<>();
  private final List<String> hostVeths = new ArrayList<>();
  private BridgeNetworkDriver driver;
  private String bridge;
  private String table;
  private Path dir;
  private NetnsProcess container;
  private Ipv4Address ip;
  private String body;

  @BeforeAll
  static void rememberHostState() throws IOException {
    RootTestSupport.rememberIpForward();
  }

  @AfterAll
  static void restoreHostState() throws IOException {
    RootTestSupport.restoreIpForwardIfNoBridgeLeft();
  }

  @BeforeEach
  void setUp() throws Exception {
    RootTestSupport.assumeRootAndTools();
    String id = RootTestSupport.hex(3);
    bridge = "jctbr" + id;
    table = "jct" + id;
    driver = new BridgeNetworkDriver(ToolNetworkStack.host(), table);
    dir = Files.createTempDirectory("jct-ports");
    Path echo = UdpEcho.build(dir);
    body = "hello through the port " + RootTestSupport.hex(8) + "\n";
    Files.writeString(dir.resolve("hello.txt"), body);

    SubnetAssignment net = RootTestSupport.freeTestSubnet(driver);
    driver.createBridge(bridge, net.subnet(), net.gateway());
    container = NetnsProcess.start();
    Ipv4Cidr cidr = new AddressAllocator(net, List.of()).allocate();
    String veth = VethNames.newHostName("jct");
    hostVeths.add(veth);
    driver.attach(container.pid(), bridge, veth, "eth0", cidr, net.gateway(), null);
    ip = cidr.address();
    container.startInside("busybox", "httpd", "-f", "-p", "80", "-h", dir.toString());
    container.startInside(echo.toString(), Integer.toString(UDP_PORT));
    assertTrue(waitFor(() -> container.run("ss", "-ltnu").stdout().contains(":" + UDP_PORT)
        && container.run("ss", "-ltn").stdout().contains(":80"), 5000), "httpd and udp-echo did not start");
  }

  @AfterEach
  void cleanUp() throws Exception {
    if (driver == null) {
      return;
    }
    try {
      for (int i = toClose.size() - 1; i >= 0; i--) {
        toClose.get(i).close();
      }
      driver.unpublish("jct-ports");
      driver.removeBridge(bridge);
    } finally {
      if (container != null) {
        container.close();
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
      if (dir != null) {
        try (Stream<Path> s = Files.walk(dir)) {
          s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
      }
    }
  }

  @ParameterizedTest(name = "epoll={0}")
  @ValueSource(booleans = {true, false})
  void proxyAlone_tcpAndUdpAnswerOn127001(boolean epoll) throws Exception {
    PortProxy proxy = keep(PortProxy.start(epoll, Duration.ofMillis(400)));
    ProxiedPort tcp = keep(proxy.open("web", PortMapping.tcp("127.0.0.1", 0, ip, 80)));
    ProxiedPort udp = keep(proxy.open("web", PortMapping.udp("127.0.0.1", 0, ip, UDP_PORT)));
    assertTrue(tcp.hostPort() > 0 && udp.hostPort() > 0);

    for (int i = 0; i < 3; i++) {
      assertEquals(body, httpGet("http://127.0.0.1:" + tcp.hostPort() + "/hello.txt"));
    }
    assertEquals(3, tcp.proxiedConnections());
    // HTTP/1.0 with a half-close: the answer still comes back through the proxy
    String halfClosed = halfClosedGet(tcp.hostPort());
    assertTrue(halfClosed.endsWith(body), "answer after a half-close: \"" + halfClosed + "\"");

    try (DatagramSocket a = udpClient(); DatagramSocket b = udpClient()) {
      assertEquals("one", udpEcho(a, udp.hostPort(), "one"));
      assertEquals("two", udpEcho(b, udp.hostPort(), "two"));
      assertEquals("three", udpEcho(a, udp.hostPort(), "three"));
      assertEquals(2, udp.proxiedConnections(), "one mapping per client address");
      Thread.sleep(1200); // past the idle timeout: a's mapping expired, a new one is made
      assertEquals("four", udpEcho(a, udp.hostPort(), "four"));
      assertEquals(3, udp.proxiedConnections());
    }

    tcp.close();
    udp.close();
    // released: no socket listens there any more. (Binding it again is no proof either way: a
    // connection of the test's own that the kernel gave the same number can hold it a while.)
    assertFalse(RootTestSupport.tcpListens(tcp.hostPort()), "port " + tcp.hostPort() + " still listens");
    assertThrows(IOException.class, () -> httpGet("http://127.0.0.1:" + tcp.hostPort() + "/hello.txt"));
  }

  @Test
  void allAddresses_ipv6LoopbackGoesThroughTheProxy() throws Exception {
    org.junit.jupiter.api.Assumptions.assumeTrue(Files.exists(Path.of("/proc/net/if_inet6")), "no IPv6 on this host");
    org.junit.jupiter.api.Assumptions.assumeTrue(HostCommand.runAllowingFailure(List.of("ip", "-6", "addr", "show", "dev", "lo"), null)
        .stdout().contains("::1"), "no ::1 on lo");
    PortProxy proxy = keep(PortProxy.start());
    int port = RootTestSupport.freeLocalPort();
    ProxiedPort tcp = keep(proxy.open("web", PortMapping.tcp("", port, ip, 80)));
    assertEquals(body, httpGet("http://[::1]:" + port + "/hello.txt"));
    assertEquals(1, tcp.proxiedConnections());
  }

  @Test
  void ipv6HostAddress_isServedByTheProxy_andLeftOutOfTheDnatRules() throws Exception {
    org.junit.jupiter.api.Assumptions.assumeTrue(HostCommand.runAllowingFailure(List.of("ip", "-6", "addr", "show", "dev", "lo"), null)
        .stdout().contains("::1"), "no ::1 on lo");
    PortProxy proxy = keep(PortProxy.start());
    ProxiedPort tcp = keep(proxy.open("web", PortMapping.tcp("::1", 0, ip, 80)));
    List<PortMapping> published = driver.publish("jct-ports6", List.of(tcp.mapping()), true);
    try {
      assertEquals(body, httpGet("http://[::1]:" + tcp.hostPort() + "/hello.txt"));
      assertEquals(1, tcp.proxiedConnections(), "through the proxy");
      assertEquals(List.of(), published, "no DNAT rule for an IPv6 host address");
      assertThrows(IOException.class, () -> httpGet("http://127.0.0.1:" + tcp.hostPort() + "/hello.txt"), "only ::1 was published");
    } finally {
      driver.unpublish("jct-ports6");
    }
  }

  @Test
  void dnatFastPath_theProxyHoldsThePortButNeverSeesTheTraffic() throws Exception {
    PortProxy proxy = keep(PortProxy.start());
    ProxiedPort tcp = keep(proxy.open("web", PortMapping.tcp("127.0.0.1", 0, ip, 80)));
    ProxiedPort udp = keep(proxy.open("web", PortMapping.udp("127.0.0.1", 0, ip, UDP_PORT)));
    driver.publish("jct-ports", List.of(tcp.mapping(), udp.mapping()), true);

    assertEquals(body, httpGet("http://127.0.0.1:" + tcp.hostPort() + "/hello.txt"));
    try (DatagramSocket a = udpClient()) {
      assertEquals("dnat", udpEcho(a, udp.hostPort(), "dnat"));
    }
    assertEquals(0, tcp.proxiedConnections(), "DNAT took the connection before the proxy's socket");
    assertEquals(0, udp.proxiedConnections());

    // without the rules, the same port still answers: through the proxy
    driver.unpublish("jct-ports");
    assertEquals(body, httpGet("http://127.0.0.1:" + tcp.hostPort() + "/hello.txt"));
    assertEquals(1, tcp.proxiedConnections());
  }

  @Test
  void takenPort_isRefusedNamingTheProcessThatHoldsIt() throws Exception {
    PortProxy proxy = keep(PortProxy.start());
    int port = RootTestSupport.freeLocalPort();
    // a program of the host (ours, stopped by its pid below) listening on every address
    Process holder = new ProcessBuilder("busybox", "nc", "-l", "-p", Integer.toString(port))
        .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
    toClose.add(() -> {
      holder.destroyForcibly();
      holder.waitFor();
    });
    assertTrue(waitFor(() -> new PortHolders().find(TransportProtocol.TCP, "127.0.0.1", port).isPresent(), 3000));

    PortMapping m = PortMapping.tcp("127.0.0.1", port, ip, 80);
    String expected = "Tried to publish 127.0.0.1:" + port + "->80/tcp for container web but the port is taken by pid "
        + holder.pid() + " (busybox). Stop it or choose another host port in ports:";
    NetworkException e = assertThrows(NetworkException.class, () -> proxy.open("web", m));
    assertEquals(NetworkException.Kind.CONFLICT, e.kind());
    assertEquals(expected, e.getMessage());
    Optional<NetworkException> probed = proxy.probe("web", m);
    assertTrue(probed.isPresent());
    assertEquals(expected, probed.get().getMessage());

    // UDP held by this JVM
    try (DatagramSocket mine = new DatagramSocket(new InetSocketAddress("127.0.0.1", 0))) {
      NetworkException u = assertThrows(NetworkException.class,
          () -> proxy.open("dns", PortMapping.udp("", mine.getLocalPort(), ip, 53)));
      assertEquals("Tried to publish 0.0.0.0:" + mine.getLocalPort() + "->53/udp for container dns but the port is taken by pid "
          + ProcessHandle.current().pid() + " (java). Stop it or choose another host port in ports:", u.getMessage());
    }

    // a port the proxy holds is taken for the next one too
    ProxiedPort first = keep(proxy.open("a", PortMapping.tcp("127.0.0.1", 0, ip, 80)));
    NetworkException second = assertThrows(NetworkException.class,
        () -> proxy.open("b", PortMapping.tcp("", first.hostPort(), ip, 80)));
    assertTrue(second.getMessage().contains("for container b but the port is taken by pid " + ProcessHandle.current().pid()),
        second.getMessage());
  }

  private <T extends AutoCloseable> T keep(T c) {
    toClose.add(c);
    return c;
  }

  private static DatagramSocket udpClient() throws IOException {
    DatagramSocket s = new DatagramSocket(new InetSocketAddress("127.0.0.1", 0));
    s.setSoTimeout(2000);
    return s;
  }

  private static String udpEcho(DatagramSocket s, int port, String text) throws IOException {
    byte[] out = text.getBytes(StandardCharsets.UTF_8);
    s.send(new DatagramPacket(out, out.length, InetAddress.getByName("127.0.0.1"), port));
    byte[] in = new byte[2048];
    DatagramPacket p = new DatagramPacket(in, in.length);
    try {
      s.receive(p);
    } catch (SocketTimeoutException e) {
      throw new AssertionError("no UDP echo for \"" + text + "\" through 127.0.0.1:" + port, e);
    }
    assertEquals(port, p.getPort(), "the answer comes from the published port");
    return new String(in, 0, p.getLength(), StandardCharsets.UTF_8);
  }

  private static String halfClosedGet(int port) throws IOException {
    try (Socket s = new Socket("127.0.0.1", port)) {
      s.setSoTimeout(3000);
      OutputStream out = s.getOutputStream();
      out.write("GET /hello.txt HTTP/1.0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
      out.flush();
      s.shutdownOutput();
      InputStream in = s.getInputStream();
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }
}
