package dev.jcompose.network;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jcompose.linux.net.ToolNetworkStack;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The embedded DNS server on two real bridges of this host, asked by stand-in containers with
 * {@code busybox nslookup NAME GATEWAY}: service names with all replicas in turn, container
 * names, the other project's names invisible, other names forwarded to the tests' own resolver
 * on 127.0.0.1, and a recreated container answered with its new address at once (which also
 * proves the bridge keeps its MAC address when a container joins: the asker's ARP entry for the
 * gateway stays right). Bridges
 * ({@code jctd…}), the nft table and the processes are removed even when the test fails.
 */
@Tag("root")
class DnsServerRootTest {

  private static final Pattern ADDRESS = Pattern.compile("^Address:\\s*(\\d+\\.\\d+\\.\\d+\\.\\d+)$", Pattern.MULTILINE);

  private final List<NetnsProcess> processes = new ArrayList<>();
  private final DnsNameRegistry names = new DnsNameRegistry();
  private BridgeNetworkDriver driver;
  private String bridgeA;
  private String bridgeB;
  private SubnetAssignment netA;
  private SubnetAssignment netB;
  private FakeUpstreamDns upstream;
  private DnsServer server;

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
    bridgeA = "jctda" + id;
    bridgeB = "jctdb" + id;
    driver = new BridgeNetworkDriver(ToolNetworkStack.host(), "jct" + id);
    netA = RootTestSupport.freeTestSubnet(driver);
    netB = new SubnetAllocator(List.of(AddressPool.of(netA.subnet().network().toString().replaceAll("\\.\\d+\\.0/24$", ".0.0/16"), 24)))
        .allocate(List.of(netA.subnet()), driver.hostRoutes());
    driver.createBridge(bridgeA, netA.subnet(), netA.gateway());
    driver.createBridge(bridgeB, netB.subnet(), netB.gateway());
    upstream = new FakeUpstreamDns();
    server = DnsServer.start(names, upstream.upstreams(), DnsUpstreams.DNS_PORT, Duration.ofMillis(500));
    server.listen(netA.gateway());
    server.listen(netB.gateway());
  }

  @AfterEach
  void cleanUp() throws Exception {
    try {
      if (server != null) {
        server.close();
      }
      if (upstream != null) {
        upstream.close();
      }
    } finally {
      for (NetnsProcess p : processes) {
        p.close();
      }
      if (driver != null) {
        driver.removeBridge(bridgeA);
        driver.removeBridge(bridgeB);
      }
    }
  }

  @Test
  void namesOfTheAskersNetworkOnly_replicasInTurn_restForwarded_recreateSeenAtOnce() throws Exception {
    AddressAllocator ipsA = new AddressAllocator(netA, List.of());
    AddressAllocator ipsB = new AddressAllocator(netB, List.of());
    NetnsProcess client = container(bridgeA, netA, ipsA.allocate(), "client", List.of("a-client-1", "client"));
    Ipv4Cidr web1 = ipsA.allocate();
    Ipv4Cidr web2 = ipsA.allocate();
    container(bridgeA, netA, web1, "web1", List.of("a-web-1", "web"));
    container(bridgeA, netA, web2, "web2", List.of("a-web-2", "web"));
    Ipv4Cidr otherWeb = ipsB.allocate();
    NetnsProcess other = container(bridgeB, netB, otherWeb, "other", List.of("b-web-1", "web"));
    String gwA = netA.gateway().toString();

    List<String> first = nslookup(client, "web", gwA);
    List<String> second = nslookup(client, "web", gwA);
    assertEquals(Set.of(web1.address().toString(), web2.address().toString()), Set.copyOf(first));
    assertEquals(List.of(first.get(1), first.get(0)), second, "round-robin over the replicas");
    assertEquals(List.of(web2.address().toString()), nslookup(client, "a-web-2", gwA), "container name");

    String gwB = netB.gateway().toString();
    assertEquals(List.of(otherWeb.address().toString()), nslookup(other, "web", gwB), "project b sees only its own web");
    assertEquals(List.of(), nslookup(other, "a-web-1", gwB), "names of another network are unknown");
    assertTrue(upstream.asked.contains("a-web-1."), "and were asked upstream like any other: " + upstream.asked);

    assertEquals(List.of(FakeUpstreamDns.ADDRESS), nslookup(client, FakeUpstreamDns.NAME, gwA), "forwarded upstream");

    assertEquals(List.of(web2.address().toString()), nslookup(client, "a-web-2", gwA), "still answering after forwarding");
    // web1 is recreated with another address
    names.unregister(bridgeA, web1.address());
    Ipv4Cidr web1New = ipsA.allocate();
    container(bridgeA, netA, web1New, "web1-new", List.of("a-web-1", "web"));
    assertEquals(List.of(web1New.address().toString()), nslookup(client, "a-web-1", gwA));
  }

  private NetnsProcess container(String bridge, SubnetAssignment net, Ipv4Cidr ip, String key, List<String> aliases)
      throws Exception {
    NetnsProcess p = NetnsProcess.start();
    processes.add(p);
    driver.attach(p.pid(), bridge, VethNames.newHostName(), "eth0", ip, net.gateway(), null);
    names.register(key, bridge, ip.address(), aliases);
    return p;
  }

  /** The IPv4 addresses busybox nslookup prints for the name (not the server's own "Address: gw:53" line). */
  private static List<String> nslookup(NetnsProcess from, String name, String server) {
    String out = from.run("timeout", "10", "busybox", "nslookup", name, server).stdout();
    List<String> found = new ArrayList<>();
    Matcher m = ADDRESS.matcher(out);
    while (m.find()) {
      found.add(m.group(1));
    }
    return found;
  }
}
