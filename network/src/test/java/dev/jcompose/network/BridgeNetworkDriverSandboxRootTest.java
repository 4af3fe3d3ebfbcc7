package dev.jcompose.network;

import static dev.jcompose.network.RootTestSupport.waitFor;
import static dev.jcompose.network.RootTestSupport.wget;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.jcompose.linux.HostCommand;
import dev.jcompose.linux.net.ToolNetworkStack;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The driver in a private "host" namespace that looks like a Docker host: iptables FORWARD
 * policy DROP, and an uplink to an "outside" namespace. This is where the paths that would touch
 * the real host's other interfaces are proven: the DROP policy opened per bridge, masquerade to
 * the outside, a port published on all addresses reached from the outside, from the host and
 * from containers (hairpin), and the outside kept from reaching containers directly. Nothing of
 * this touches the real host: killing the namespace's process removes all of it.
 */
@Tag("root")
class BridgeNetworkDriverSandboxRootTest {

  private static final String BRIDGE = "jcbr0";
  private static final Ipv4Cidr SUBNET = Ipv4Cidr.parse("10.77.0.0/24");
  private static final Ipv4Address GATEWAY = Ipv4Address.parse("10.77.0.1");

  private final List<NetnsProcess> processes = new ArrayList<>();
  private NetnsProcess host;
  private NetnsProcess outside;
  private BridgeNetworkDriver driver;
  private Path webRoot;

  @BeforeEach
  void setUp() throws Exception {
    RootTestSupport.assumeRootAndTools();
    host = start();
    outside = start();
    driver = new BridgeNetworkDriver(ToolNetworkStack.inNetns(host.netnsFile()), BridgeNetworkDriver.DEFAULT_TABLE);
    webRoot = Files.createTempDirectory("jct-www");
    ok(host.run("ip", "link", "set", "lo", "up"));
    ok(host.run("iptables", "-w", "5", "-P", "FORWARD", "DROP"));
    // uplink: "host" 10.99.0.1 <-> "outside" 10.99.0.2; the outside has no route to the containers
    ok(host.run("ip", "link", "add", "jcup0", "type", "veth", "peer", "name", "eth0", "netns", Long.toString(outside.pid())));
    ok(host.run("ip", "addr", "add", "10.99.0.1/24", "dev", "jcup0"));
    ok(host.run("ip", "link", "set", "jcup0", "up"));
    ok(outside.run("ip", "addr", "add", "10.99.0.2/24", "dev", "eth0"));
    ok(outside.run("ip", "link", "set", "eth0", "up"));
    ok(outside.run("ip", "link", "set", "lo", "up"));
  }

  @AfterEach
  void tearDown() throws Exception {
    for (NetnsProcess p : processes) {
      p.close();
    }
    if (webRoot != null) {
      try (Stream<Path> s = Files.walk(webRoot)) {
        s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      }
    }
  }

  @Test
  void dockerLikeHost_dropPolicyMasqueradePublishHairpin() throws Exception {
    driver.createBridge(BRIDGE, SUBNET, GATEWAY);
    String forward = host.run("iptables", "-w", "5", "-S", "FORWARD").stdout();
    assertEquals(2, IptablesForwardRules.rulesOf(forward, BRIDGE).size(), forward);
    assertEquals("1", host.run("sysctl", "-n", "net.ipv4.ip_forward").stdout().strip());

    NetnsProcess a = start();
    NetnsProcess b = start();
    AddressAllocator addresses = new AddressAllocator(new SubnetAssignment(SUBNET, GATEWAY), List.of());
    Ipv4Cidr ipA = addresses.allocate();
    Ipv4Cidr ipB = addresses.allocate();
    driver.attach(a.pid(), BRIDGE, VethNames.newHostName(), "eth0", ipA, GATEWAY, null);
    driver.attach(b.pid(), BRIDGE, VethNames.newHostName(), "eth0", ipB, GATEWAY, null);
    String pingB = ipB.address().toString();
    assertTrue(ping(a, pingB), "A -> B on the bridge");

    // Without our iptables rules the DROP policy bites (br_netfilter passes bridged traffic
    // through FORWARD); createBridge again puts them back.
    for (String rule : IptablesForwardRules.rulesOf(forward, BRIDGE)) {
      List<String> argv = new ArrayList<>(List.of("iptables", "-w", "5", "-D"));
      argv.addAll(List.of(rule.substring(3).replace("\"", "").split(" ")));
      ok(host.run(argv.toArray(String[]::new)));
    }
    if ("1".equals(host.run("cat", "/proc/sys/net/bridge/bridge-nf-call-iptables").stdout().strip())) {
      assertFalse(ping(a, pingB), "with FORWARD DROP and no accept rule, A -> B must fail");
    }
    driver.createBridge(BRIDGE, SUBNET, GATEWAY);
    assertTrue(ping(a, pingB), "A -> B after createBridge restored the accept rules");

    // Masquerade: the outside has no route back to 10.77.0.0/24, so only a masqueraded ping returns.
    assertTrue(ping(a, "10.99.0.2"), "A -> outside through the host's uplink");

    // B serves; publish 0.0.0.0:8080 -> B:80.
    String body = "sandbox " + RootTestSupport.hex(6) + "\n";
    Files.writeString(webRoot.resolve("hello.txt"), body);
    b.startInside("busybox", "httpd", "-f", "-p", "80", "-h", webRoot.toString());
    String direct = "http://" + ipB.address() + ":80/hello.txt";
    assertTrue(waitFor(() -> a.run(wget(direct)).stdout().equals(body), 5000), "A -> B:80");
    driver.publish("web-1", List.of(PortMapping.tcp("", 8080, ipB.address(), 80)));

    assertEquals(body, host.run(wget("http://127.0.0.1:8080/hello.txt")).stdout(), "host -> 127.0.0.1:8080 (output hook)");
    assertEquals(body, host.run(wget("http://10.99.0.1:8080/hello.txt")).stdout(), "host -> its uplink address:8080");
    assertEquals(body, outside.run(wget("http://10.99.0.1:8080/hello.txt")).stdout(), "outside -> host:8080 (prerouting)");
    assertEquals(body, a.run(wget("http://" + GATEWAY + ":8080/hello.txt")).stdout(), "A -> gateway:8080 (hairpin)");
    assertEquals(body, b.run(wget("http://" + GATEWAY + ":8080/hello.txt")).stdout(), "B -> gateway:8080 -> B itself");

    // The outside must not reach a container directly, only through published ports.
    ok(outside.run("ip", "route", "add", SUBNET.toString(), "via", "10.99.0.1"));
    assertEquals("", outside.run(wget(direct)).stdout(), "outside -> B:80 directly must be dropped");

    driver.unpublish("web-1");
    assertEquals("", host.run(wget("http://127.0.0.1:8080/hello.txt")).stdout());
    assertEquals("", outside.run(wget("http://10.99.0.1:8080/hello.txt")).stdout());

    driver.removeBridge(BRIDGE);
    String after = host.run("iptables", "-w", "5", "-S", "FORWARD").stdout();
    assertFalse(after.contains("jcompose:"), after);
    assertTrue(after.contains("-P FORWARD DROP"), "we never change the policy itself");
    assertFalse(host.run("nft", "list", "table", "ip", BridgeNetworkDriver.DEFAULT_TABLE).ok(), "table gone with the last bridge");
    assertFalse(host.run("ip", "link", "show", BRIDGE).ok());
  }

  @Test
  void udpPort_publishedOnAllAddresses_echoesBack() throws Exception {
    assumeTrue(python3Works(),
        "needs python3 for a UDP echo server (busybox nc has no UDP here)");
    driver.createBridge(BRIDGE, SUBNET, GATEWAY);
    NetnsProcess b = start();
    Ipv4Cidr ipB = Ipv4Cidr.parse("10.77.0.9/24");
    driver.attach(b.pid(), BRIDGE, VethNames.newHostName(), "eth0", ipB, GATEWAY, null);
    b.startInside("python3", "-c", "import socket\n"
        + "s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)\n"
        + "s.bind(('0.0.0.0', 53))\n"
        + "while True:\n"
        + "    d, a = s.recvfrom(512)\n"
        + "    s.sendto(b'echo ' + d, a)\n");
    List<PortMapping> published = driver.publish("dns-1", List.of(PortMapping.udp("", 5353, ipB.address(), 53)));
    assertEquals(5353, published.get(0).hostPort());
    String client = "import socket, sys\n"
        + "s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)\n"
        + "s.settimeout(0.5)\n"
        + "for _ in range(6):\n"
        + "    s.sendto(b'ping', (sys.argv[1], 5353))\n"
        + "    try:\n"
        + "        print(s.recvfrom(512)[0].decode()); break\n"
        + "    except socket.timeout:\n"
        + "        pass\n";
    assertEquals("echo ping", outside.run("python3", "-c", client, "10.99.0.1").stdout().strip(), "outside -> host:5353/udp");
    assertEquals("echo ping", host.run("python3", "-c", client, "127.0.0.1").stdout().strip(), "host -> 127.0.0.1:5353/udp");
    driver.unpublish("dns-1");
    assertEquals("", host.run("python3", "-c", client, "127.0.0.1").stdout().strip(), "unpublished");
    driver.removeBridge(BRIDGE);
  }

  @Test
  void twoNetworks_isolatedFromEachOther_butOutboundAndPublishedPortsWork() throws Exception {
    Ipv4Cidr subnet2 = Ipv4Cidr.parse("10.78.0.0/24");
    Ipv4Address gateway2 = Ipv4Address.parse("10.78.0.1");
    driver.createBridge(BRIDGE, SUBNET, GATEWAY);
    driver.createBridge("jcbr1", subnet2, gateway2);
    NetnsProcess a = start();
    NetnsProcess b = start();
    NetnsProcess a2 = start();
    driver.attach(a.pid(), BRIDGE, VethNames.newHostName(), "eth0", Ipv4Cidr.parse("10.77.0.2/24"), GATEWAY, null);
    driver.attach(a2.pid(), BRIDGE, VethNames.newHostName(), "eth0", Ipv4Cidr.parse("10.77.0.3/24"), GATEWAY, null);
    driver.attach(b.pid(), "jcbr1", VethNames.newHostName(), "eth0", Ipv4Cidr.parse("10.78.0.2/24"), gateway2, null);

    assertTrue(ping(a, "10.77.0.3"), "A -> A2 on the same network");
    assertFalse(ping(a, "10.78.0.2"), "A -> B on another network must be dropped");
    assertFalse(ping(b, "10.77.0.2"), "B -> A on another network must be dropped");
    assertTrue(ping(a, "10.99.0.2"), "A -> outside (masquerade)");
    assertTrue(ping(b, "10.99.0.2"), "B -> outside (masquerade)");

    String body = "isolated " + RootTestSupport.hex(6) + "\n";
    Files.writeString(webRoot.resolve("hello.txt"), body);
    b.startInside("busybox", "httpd", "-f", "-p", "80", "-h", webRoot.toString());
    driver.publish("web-1", List.of(PortMapping.tcp("", 8080, Ipv4Address.parse("10.78.0.2"), 80)));
    assertTrue(waitFor(() -> host.run(wget("http://127.0.0.1:8080/hello.txt")).stdout().equals(body), 5000), "host -> 127.0.0.1:8080");
    assertEquals(body, outside.run(wget("http://10.99.0.1:8080/hello.txt")).stdout(), "outside -> host:8080");
    assertEquals(body, a.run(wget("http://10.99.0.1:8080/hello.txt")).stdout(),
        "A -> a published port of B's network through the host's address, as with Docker's proxy");
    assertEquals("", a.run(wget("http://10.78.0.2/hello.txt")).stdout(), "A -> B:80 directly must be dropped");

    // Removing one bridge leaves the other isolated and working.
    driver.unpublish("web-1");
    driver.removeBridge("jcbr1");
    String table = host.run("nft", "list", "table", "ip", BridgeNetworkDriver.DEFAULT_TABLE).stdout();
    assertFalse(table.contains("jcbr1"), table);
    assertTrue(table.contains("\"" + BRIDGE + "\""), table);
    assertTrue(ping(a, "10.77.0.3"), "A -> A2 after the other network went");
    driver.removeBridge(BRIDGE);
  }

  @Test
  void internalNetwork_noRouteOut_noWayIn_butItsContainersTalk() throws Exception {
    driver.createBridge(BRIDGE, SUBNET, GATEWAY, NetworkReach.INTERNAL);
    NetnsProcess c = start();
    NetnsProcess d = start();
    driver.attach(c.pid(), BRIDGE, VethNames.newHostName(), "eth0", Ipv4Cidr.parse("10.77.0.2/24"), null, null);
    driver.attach(d.pid(), BRIDGE, VethNames.newHostName(), "eth0", Ipv4Cidr.parse("10.77.0.3/24"), null, null);
    assertTrue(ping(c, "10.77.0.3"), "C -> D on the internal network");
    assertTrue(ping(c, GATEWAY.toString()), "C -> its gateway address (where the DNS server listens)");
    assertFalse(ping(c, "10.99.0.2"), "C has no route out");

    // Even a container that adds a default route itself gets nowhere: the bridge forwards nothing.
    ok(c.run("ip", "route", "add", "default", "via", GATEWAY.toString()));
    assertFalse(ping(c, "10.99.0.2"), "C -> outside must be dropped on an internal network");
    ok(outside.run("ip", "route", "add", SUBNET.toString(), "via", "10.99.0.1"));
    assertFalse(ping(outside, "10.77.0.2"), "outside -> C must be dropped");

    // The same bridge made external again: now the way out is open (the rules follow the reach).
    driver.createBridge(BRIDGE, SUBNET, GATEWAY, NetworkReach.EXTERNAL);
    assertTrue(ping(c, "10.99.0.2"), "C -> outside once the network is external");
    driver.removeBridge(BRIDGE);
  }

  @Test
  void forwardPolicyAccept_iptablesLeftAlone() throws Exception {
    ok(host.run("iptables", "-w", "5", "-P", "FORWARD", "ACCEPT"));
    driver.createBridge(BRIDGE, SUBNET, GATEWAY);
    assertEquals("-P FORWARD ACCEPT", host.run("iptables", "-w", "5", "-S", "FORWARD").stdout().strip());
    driver.removeBridge(BRIDGE);
  }

  private NetnsProcess start() throws Exception {
    NetnsProcess p = NetnsProcess.start();
    processes.add(p);
    return p;
  }

  private static boolean ping(NetnsProcess from, String to) {
    return from.run("busybox", "ping", "-c1", "-W2", to).ok();
  }

  private static void ok(HostCommand.Result r) {
    assertTrue(r.ok(), r.argv() + " failed: " + r.stderr());
  }

  private static boolean python3Works() {
    try {
      return HostCommand.runAllowingFailure(List.of("python3", "-c", "pass"), null).ok();
    } catch (dev.jcompose.linux.HostCommandException e) {
      return false; // not installed
    }
  }
}
