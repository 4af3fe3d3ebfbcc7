package dev.jcompose.network;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class HostPortPlannerTest {

  private static final Ipv4Address C = Ipv4Address.parse("172.18.0.2");
  private final HostPortPlanner planner = new HostPortPlanner(40000, 40009, new Random(1));

  @Test
  void plan_freePorts_unchanged() {
    List<PortMapping> req = List.of(PortMapping.tcp("127.0.0.1", 8080, C, 80), PortMapping.udp("", 5353, C, 53));
    assertEquals(req, planner.plan("web", req, List.of(), List.of()));
  }

  @Test
  void plan_publishedByAnotherContainer_isDockersMessage() {
    NetworkException e = assertThrows(NetworkException.class, () -> planner.plan("web",
        List.of(PortMapping.tcp("127.0.0.1", 8080, C, 80)),
        List.of(new PublishedPort(TransportProtocol.TCP, "127.0.0.1", 8080, "api")), List.of()));
    assertEquals(NetworkException.Kind.CONFLICT, e.kind());
    assertEquals("Bind for 127.0.0.1:8080 failed: port is already allocated (tcp 127.0.0.1:8080 is published for container api);"
        + " stop that container or publish another host port", e.getMessage());
  }

  @Test
  void plan_wildcardAgainstSpecific_clashes() {
    NetworkException e = assertThrows(NetworkException.class, () -> planner.plan("web",
        List.of(PortMapping.tcp("", 8080, C, 80)),
        List.of(new PublishedPort(TransportProtocol.TCP, "127.0.0.1", 8080, "api")), List.of()));
    assertTrue(e.getMessage().startsWith("Bind for 0.0.0.0:8080 failed: port is already allocated"), e.getMessage());
  }

  @Test
  void plan_ownEarlierPorts_areReplacedNotClashing() {
    List<PortMapping> req = List.of(PortMapping.tcp("127.0.0.1", 8080, C, 80));
    assertEquals(req, planner.plan("web", req, List.of(new PublishedPort(TransportProtocol.TCP, "127.0.0.1", 8080, "web")), List.of()));
  }

  @Test
  void plan_sameHostPortTwiceInOneRequest_clashes() {
    NetworkException e = assertThrows(NetworkException.class, () -> planner.plan("web",
        List.of(PortMapping.tcp("", 8080, C, 80), PortMapping.tcp("127.0.0.1", 8080, C, 81)), List.of(), List.of()));
    assertTrue(e.getMessage().startsWith("Bind for 127.0.0.1:8080 failed: port is already allocated"), e.getMessage());
  }

  @Test
  void plan_sameHostPortTcpAndUdp_isFine() {
    List<PortMapping> req = List.of(PortMapping.tcp("", 53, C, 53), PortMapping.udp("", 53, C, 53));
    assertEquals(req, planner.plan("dns", req, List.of(), List.of()));
  }

  @Test
  void plan_hostProgramListening_isRefusedWithHowToFindIt() {
    NetworkException e = assertThrows(NetworkException.class, () -> planner.plan("web",
        List.of(PortMapping.tcp("127.0.0.1", 8080, C, 80)), List.of(),
        List.of(new ListeningSocket(TransportProtocol.TCP, "::", 8080))));
    assertEquals(NetworkException.Kind.CONFLICT, e.kind());
    assertEquals("Bind for 127.0.0.1:8080 failed: port is already in use by a program on this host (tcp [::]:8080 is listening);"
        + " stop that program or publish another host port (`ss -ltnp 'sport = :8080'` shows which program)", e.getMessage());
  }

  @Test
  void plan_hostProgramOnOtherAddress_isFine() {
    List<PortMapping> req = List.of(PortMapping.tcp("127.0.0.2", 8080, C, 80));
    assertEquals(req, planner.plan("web", req, List.of(), List.of(new ListeningSocket(TransportProtocol.TCP, "127.0.0.1", 8080))));
  }

  @Test
  void plan_hostPortZero_picksAFreeOneInTheRange() {
    List<PublishedPort> taken = new java.util.ArrayList<>();
    for (int p = 40000; p <= 40008; p++) {
      taken.add(new PublishedPort(TransportProtocol.TCP, "0.0.0.0", p, "other"));
    }
    List<PortMapping> out = planner.plan("web", List.of(PortMapping.tcp("", 0, C, 80)), taken, List.of());
    assertEquals(40009, out.get(0).hostPort());
  }

  @Test
  void plan_hostPortZero_avoidsFixedPortsOfTheSameRequest() {
    HostPortPlanner tiny = new HostPortPlanner(40000, 40001, new Random(7));
    List<PortMapping> out = tiny.plan("web",
        List.of(PortMapping.tcp("", 0, C, 81), PortMapping.tcp("", 40000, C, 80)), List.of(), List.of());
    assertEquals(40001, out.get(0).hostPort());
    assertEquals(40000, out.get(1).hostPort());
  }

  @Test
  void plan_twoZeroPorts_getDifferentPorts() {
    List<PortMapping> out = planner.plan("web",
        List.of(PortMapping.tcp("", 0, C, 80), PortMapping.tcp("", 0, C, 81)), List.of(), List.of());
    assertNotEquals(out.get(0).hostPort(), out.get(1).hostPort());
  }

  @Test
  void plan_noFreePort_saysExhausted() {
    HostPortPlanner one = new HostPortPlanner(40000, 40000, new Random(1));
    NetworkException e = assertThrows(NetworkException.class, () -> one.plan("web", List.of(PortMapping.tcp("", 0, C, 80)),
        List.of(), List.of(new ListeningSocket(TransportProtocol.TCP, "0.0.0.0", 40000))));
    assertEquals(NetworkException.Kind.EXHAUSTED, e.kind());
    assertTrue(e.getMessage().contains("no free host port"), e.getMessage());
  }
}
