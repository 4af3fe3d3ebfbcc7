package dev.jcompose.network;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ListeningSocketTest {

  private static ListeningSocket tcp(String addr, int port) {
    return new ListeningSocket(TransportProtocol.TCP, addr, port);
  }

  @Test
  void receives_wildcardsCatchEveryIpv4Address() {
    assertTrue(tcp("0.0.0.0", 80).receives(TransportProtocol.TCP, "127.0.0.1", 80));
    assertTrue(tcp("::", 80).receives(TransportProtocol.TCP, "10.1.1.1", 80));
  }

  @Test
  void receives_specificAddress() {
    assertTrue(tcp("127.0.0.1", 80).receives(TransportProtocol.TCP, "127.0.0.1", 80));
    assertTrue(tcp("127.0.0.1", 80).receives(TransportProtocol.TCP, "0.0.0.0", 80));
    assertFalse(tcp("127.0.0.1", 80).receives(TransportProtocol.TCP, "127.0.0.2", 80));
    assertTrue(tcp("::ffff:127.0.0.1", 80).receives(TransportProtocol.TCP, "127.0.0.1", 80));
  }

  @Test
  void receives_otherPortProtocolOrIpv6Only() {
    assertFalse(tcp("0.0.0.0", 80).receives(TransportProtocol.TCP, "0.0.0.0", 81));
    assertFalse(tcp("0.0.0.0", 80).receives(TransportProtocol.UDP, "0.0.0.0", 80));
    assertFalse(tcp("0:0:0:0:0:0:0:1", 80).receives(TransportProtocol.TCP, "0.0.0.0", 80));
  }

  @Test
  void toString_bracketsIpv6() {
    assertEquals("tcp [::]:80", tcp("::", 80).toString());
    assertEquals("tcp 0.0.0.0:80", tcp("0.0.0.0", 80).toString());
  }
}
