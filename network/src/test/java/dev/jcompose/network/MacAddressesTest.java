package dev.jcompose.network;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class MacAddressesTest {

  @Test
  void forIp_dockersScheme() {
    assertEquals("02:42:ac:12:00:02", MacAddresses.forIp(Ipv4Address.parse("172.18.0.2")));
    assertEquals("02:42:c0:a8:10:ff", MacAddresses.forIp(Ipv4Address.parse("192.168.16.255")));
  }
}
