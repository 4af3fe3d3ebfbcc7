package dev.jcompose.network;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class Ipv4AddressTest {

  @Test
  void parse_roundTrips() {
    assertEquals("172.18.0.2", Ipv4Address.parse("172.18.0.2").toString());
    assertEquals("255.255.255.255", Ipv4Address.parse("255.255.255.255").toString());
    assertEquals("0.0.0.0", Ipv4Address.parse("0.0.0.0").toString());
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "1.2.3", "1.2.3.4.5", "256.0.0.1", "1.2.3.-4", "01.2.3.4", "a.b.c.d", "1..2.3", " 1.2.3.4", "1.2.3.4/8"})
  void parse_invalid_saysWhatIsExpected(String text) {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Ipv4Address.parse(text));
    assertTrue(e.getMessage().contains("is not an IPv4 address"), e.getMessage());
  }

  @Test
  void of_octets() {
    assertEquals(Ipv4Address.parse("10.0.255.1"), Ipv4Address.of(10, 0, 255, 1));
  }

  @Test
  void plus_crossesOctets() {
    assertEquals(Ipv4Address.parse("172.18.1.0"), Ipv4Address.parse("172.18.0.255").plus(1));
    assertEquals(Ipv4Address.parse("172.17.255.255"), Ipv4Address.parse("172.18.0.0").plus(-1));
  }

  @Test
  void plus_outOfAddressSpace_throws() {
    assertThrows(IllegalArgumentException.class, () -> Ipv4Address.parse("255.255.255.255").plus(1));
  }

  @Test
  void compareTo_isUnsigned() {
    assertTrue(Ipv4Address.parse("200.0.0.1").compareTo(Ipv4Address.parse("10.0.0.1")) > 0);
  }

  @Test
  void isLoopback() {
    assertTrue(Ipv4Address.parse("127.0.0.53").isLoopback());
    assertFalse(Ipv4Address.parse("128.0.0.1").isLoopback());
  }
}
