package dev.jcompose.network;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The whole server over real sockets on 127.0.0.1, no root needed: 127.0.0.2 plays a container
 * (the asker is decided by the source address), 127.0.0.3 a stranger, and the upstream is the
 * tests' own resolver on 127.0.0.1.
 */
class DnsServerTest {

  private static final Ipv4Address LISTEN = Ipv4Address.parse("127.0.0.1");
  private final DnsNameRegistry names = new DnsNameRegistry();
  private FakeUpstreamDns upstream;
  private DnsServer server;
  private InetSocketAddress at;
  private InetAddress container;

  @BeforeEach
  void setUp() throws Exception {
    upstream = new FakeUpstreamDns();
    int port = RootTestSupport.freeLocalPort();
    server = DnsServer.start(names, upstream.upstreams(), port, Duration.ofMillis(500));
    server.listen(LISTEN);
    at = new InetSocketAddress("127.0.0.1", port);
    container = InetAddress.getByName("127.0.0.2");
    names.register("c", "net", Ipv4Address.parse("127.0.0.2"), List.of("client"));
    names.register("w1", "net", Ipv4Address.parse("10.9.0.2"), List.of("web", "p-web-1"));
    names.register("w2", "net", Ipv4Address.parse("10.9.0.3"), List.of("web", "p-web-2"));
  }

  @AfterEach
  void tearDown() {
    if (server != null) {
      server.close();
    }
    if (upstream != null) {
      upstream.close();
    }
  }

  @Test
  void udpAndTcp_serviceReplicasRoundRobin() throws Exception {
    DnsWire.Answer first = DnsWire.udp(container, at, "web", DnsWire.A);
    DnsWire.Answer second = DnsWire.tcp(container, at, "web", DnsWire.A);
    assertEquals(Set.of("10.9.0.2", "10.9.0.3"), Set.copyOf(first.addresses()));
    assertEquals(List.of(first.addresses().get(1), first.addresses().get(0)), second.addresses());
  }

  @Test
  void unknownName_forwardedToTheUpstream_overUdpAndTcp() throws Exception {
    assertEquals(List.of(FakeUpstreamDns.ADDRESS), DnsWire.udp(container, at, FakeUpstreamDns.NAME, DnsWire.A).addresses());
    assertEquals(List.of(FakeUpstreamDns.ADDRESS), DnsWire.tcp(container, at, FakeUpstreamDns.NAME, DnsWire.A).addresses());
    assertEquals(3, DnsWire.udp(container, at, "nothing.test", DnsWire.A).rcode(), "the upstream's NXDOMAIN");
    assertTrue(upstream.asked.contains("nothing.test."));
  }

  @Test
  void strangerIsRefused_andNothingForwardedForIt() throws Exception {
    InetAddress stranger = InetAddress.getByName("127.0.0.3");
    assertEquals(5, DnsWire.udp(stranger, at, FakeUpstreamDns.NAME, DnsWire.A).rcode());
    assertTrue(upstream.asked.isEmpty());
  }

  @Test
  void upstreamSilent_servfailAfterItsTimeout() throws Exception {
    server.close();
    int port = RootTestSupport.freeLocalPort();
    // 127.0.0.1:9 (discard): nothing answers there
    server = DnsServer.start(names, new DnsUpstreams(List.of(new InetSocketAddress("127.0.0.1", 9))), port, Duration.ofMillis(200));
    server.listen(LISTEN);
    assertEquals(2, DnsWire.udp(container, new InetSocketAddress("127.0.0.1", port), "x.test", DnsWire.A).rcode());
  }

  @Test
  void listen_idempotent_stopListening_portTaken_saysWhatToCheck() {
    server.listen(LISTEN);
    assertTrue(server.isListening(LISTEN));
    server.stopListening(LISTEN);
    assertFalse(server.isListening(LISTEN));
    server.listen(LISTEN);
    DnsServer second = DnsServer.start(names, DnsUpstreams.none(), server.port(), Duration.ofMillis(200));
    try {
      NetworkException e = assertThrows(NetworkException.class, () -> second.listen(LISTEN));
      assertTrue(e.getMessage().startsWith("Tried to start the embedded DNS server on 127.0.0.1:" + server.port()), e.getMessage());
      assertTrue(e.getMessage().contains("ss -lunp"), e.getMessage());
    } finally {
      second.close();
    }
  }
}
