package dev.jcompose.network;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class Ipv4CidrTest {

  private static Ipv4Cidr c(String s) {
    return Ipv4Cidr.parse(s);
  }

  private static Ipv4Address a(String s) {
    return Ipv4Address.parse(s);
  }

  @Test
  void parse_keepsTheAddressAsGiven() {
    Ipv4Cidr x = c("172.18.0.2/16");
    assertEquals("172.18.0.2/16", x.toString());
    assertEquals(c("172.18.0.0/16"), x.network());
    assertFalse(x.isNetwork());
    assertTrue(x.network().isNetwork());
  }

  @Test
  void parse_missingPrefix_saysSo() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> c("172.18.0.0"));
    assertTrue(e.getMessage().contains("ADDRESS/PREFIX"), e.getMessage());
  }

  @Test
  void parse_badPrefix() {
    assertThrows(IllegalArgumentException.class, () -> c("172.18.0.0/33"));
    assertThrows(IllegalArgumentException.class, () -> c("172.18.0.0/"));
    assertThrows(IllegalArgumentException.class, () -> c("172.18.0.0/x"));
  }

  @Test
  void networkAndBroadcast() {
    assertEquals(a("192.168.16.0"), c("192.168.17.9/20").networkAddress());
    assertEquals(a("192.168.31.255"), c("192.168.17.9/20").broadcastAddress());
    assertEquals(a("0.0.0.0"), c("10.1.2.3/0").networkAddress());
    assertEquals(a("10.1.2.3"), c("10.1.2.3/32").broadcastAddress());
  }

  @Test
  void contains_addressAndSubnet() {
    assertTrue(c("172.18.0.0/16").contains(a("172.18.255.254")));
    assertFalse(c("172.18.0.0/16").contains(a("172.19.0.1")));
    assertTrue(c("172.18.0.0/16").contains(c("172.18.4.0/24")));
    assertFalse(c("172.18.4.0/24").contains(c("172.18.0.0/16")));
    assertTrue(c("0.0.0.0/0").contains(a("8.8.8.8")));
  }

  @Test
  void overlaps_isSymmetric() {
    assertTrue(c("172.18.0.0/16").overlaps(c("172.18.4.0/24")));
    assertTrue(c("172.18.4.0/24").overlaps(c("172.18.0.0/16")));
    assertFalse(c("172.18.0.0/16").overlaps(c("172.19.0.0/16")));
    assertTrue(c("192.168.0.0/20").overlaps(c("192.168.15.7/32")));
    assertFalse(c("192.168.0.0/20").overlaps(c("192.168.16.0/20")));
  }

  @Test
  void host_nthHost() {
    assertEquals(a("172.18.0.1"), c("172.18.0.0/16").host(1));
    assertEquals(a("172.18.1.0"), c("172.18.0.0/16").host(256));
    assertEquals(a("172.18.255.254"), c("172.18.0.0/16").host(65534));
  }

  @Test
  void host_networkOrBroadcast_throws() {
    assertThrows(IllegalArgumentException.class, () -> c("172.18.0.0/16").host(0));
    assertThrows(IllegalArgumentException.class, () -> c("172.18.0.0/16").host(65535));
  }

  @Test
  void host_slash31_hasTwoHosts() {
    assertEquals(a("10.0.0.0"), c("10.0.0.0/31").host(0));
    assertEquals(a("10.0.0.1"), c("10.0.0.0/31").host(1));
    assertEquals(2, c("10.0.0.0/31").hostCount());
  }

  @Test
  void sizeAndHostCount() {
    assertEquals(65536, c("172.18.0.0/16").size());
    assertEquals(65534, c("172.18.0.0/16").hostCount());
    assertEquals(4294967296L, c("0.0.0.0/0").size());
  }

  @Test
  void isUsableHost() {
    assertTrue(c("10.0.0.0/24").isUsableHost(a("10.0.0.1")));
    assertFalse(c("10.0.0.0/24").isUsableHost(a("10.0.0.0")));
    assertFalse(c("10.0.0.0/24").isUsableHost(a("10.0.0.255")));
    assertFalse(c("10.0.0.0/24").isUsableHost(a("10.0.1.1")));
  }

  @Test
  void withAddress() {
    assertEquals(c("172.18.0.1/16"), c("172.18.0.0/16").withAddress(a("172.18.0.1")));
  }
}
