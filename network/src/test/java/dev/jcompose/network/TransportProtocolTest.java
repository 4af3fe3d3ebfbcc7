package dev.jcompose.network;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class TransportProtocolTest {

  @Test
  void parse_namesNumbersAndDefault() {
    assertEquals(TransportProtocol.TCP, TransportProtocol.parse(null));
    assertEquals(TransportProtocol.TCP, TransportProtocol.parse("TCP"));
    assertEquals(TransportProtocol.UDP, TransportProtocol.parse("udp"));
    assertEquals(TransportProtocol.TCP, TransportProtocol.parse("6"));
    assertEquals(TransportProtocol.UDP, TransportProtocol.parse("17"));
    assertEquals("udp", TransportProtocol.UDP.id());
  }

  @Test
  void parse_sctp_isNotSupportedYet() {
    NetworkException e = assertThrows(NetworkException.class, () -> TransportProtocol.parse("sctp"));
    assertTrue(e.getMessage().contains("use tcp or udp"), e.getMessage());
  }
}
