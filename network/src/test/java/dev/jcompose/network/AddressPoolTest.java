package dev.jcompose.network;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class AddressPoolTest {

  @Test
  void dockerDefaults_172_17_to_31_then_192_168_in_20s() {
    assertEquals(16, AddressPool.DOCKER_DEFAULTS.size());
    assertEquals(Ipv4Cidr.parse("172.17.0.0/16"), AddressPool.DOCKER_DEFAULTS.get(0).subnet(0));
    assertEquals(Ipv4Cidr.parse("172.31.0.0/16"), AddressPool.DOCKER_DEFAULTS.get(14).subnet(0));
    AddressPool last = AddressPool.DOCKER_DEFAULTS.get(15);
    assertEquals(16, last.subnetCount());
    assertEquals(Ipv4Cidr.parse("192.168.0.0/20"), last.subnet(0));
    assertEquals(Ipv4Cidr.parse("192.168.16.0/20"), last.subnet(1));
    assertEquals(Ipv4Cidr.parse("192.168.240.0/20"), last.subnet(15));
  }

  @Test
  void new_baseNotANetwork_suggestsTheNetwork() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> AddressPool.of("10.1.2.3/16", 24));
    assertTrue(e.getMessage().contains("10.1.0.0/16"), e.getMessage());
  }

  @Test
  void new_sizeSmallerThanBase_throws() {
    assertThrows(IllegalArgumentException.class, () -> AddressPool.of("10.0.0.0/16", 8));
  }

  @Test
  void subnet_outOfRange_throws() {
    assertThrows(IllegalArgumentException.class, () -> AddressPool.of("10.0.0.0/16", 24).subnet(256));
  }
}
