package dev.jcompose.network;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class PortMappingTest {

  private static final Ipv4Address C = Ipv4Address.parse("172.18.0.2");

  @Test
  void emptyOrZeroHostIp_meansAllAddresses() {
    assertTrue(PortMapping.tcp("", 80, C, 80).onAllAddresses());
    assertTrue(PortMapping.tcp(null, 80, C, 80).onAllAddresses());
    assertTrue(PortMapping.tcp("0.0.0.0", 80, C, 80).onAllAddresses());
    assertEquals("0.0.0.0", PortMapping.tcp("", 80, C, 80).bindAddress());
    assertFalse(PortMapping.tcp("127.0.0.1", 80, C, 80).onAllAddresses());
  }

  @Test
  void ipv6HostIp_isAcceptedWithOrWithoutBrackets_andShownInBrackets() {
    PortMapping m = PortMapping.tcp("[::1]", 8080, C, 80);
    assertEquals("::1", m.hostIp());
    assertTrue(m.isIpv6());
    assertFalse(m.onAllAddresses());
    assertEquals("[::1]:8080", m.hostAddressAndPort());
    assertEquals("[::1]:8080->172.18.0.2:80/tcp", m.toString());
    assertTrue(PortMapping.tcp("fe80::1", 80, C, 80).isIpv6());
    assertFalse(PortMapping.tcp("127.0.0.1", 80, C, 80).isIpv6());
  }

  @Test
  void aHostIpThatIsNoAddress_isRefusedWithoutALookup() {
    NetworkException e = assertThrows(NetworkException.class, () -> PortMapping.tcp("localhost", 80, C, 80));
    assertTrue(e.getMessage().contains("such as 127.0.0.1 or ::1"), e.getMessage());
    assertThrows(NetworkException.class, () -> PortMapping.tcp("::g", 80, C, 80));
    assertThrows(NetworkException.class, () -> PortMapping.tcp("1:2:3:4:5:6:7:8:9", 80, C, 80));
  }

  @Test
  void badPorts() {
    assertThrows(NetworkException.class, () -> PortMapping.tcp("", 65536, C, 80));
    assertThrows(NetworkException.class, () -> PortMapping.tcp("", 80, C, 0));
    NetworkException e = assertThrows(NetworkException.class, () -> PortMapping.tcp("", 80, null, 80));
    assertTrue(e.getMessage().contains("attach the container to a network first"), e.getMessage());
  }

  @Test
  void nullProtocol_isTcp_andToString() {
    PortMapping m = new PortMapping("127.0.0.1", 0, C, 53, null);
    assertEquals(TransportProtocol.TCP, m.protocol());
    assertEquals("127.0.0.1:*->172.18.0.2:53/tcp", m.toString());
    assertEquals("127.0.0.1:5353->172.18.0.2:53/udp", PortMapping.udp("127.0.0.1", 5353, C, 53).toString());
  }
}
