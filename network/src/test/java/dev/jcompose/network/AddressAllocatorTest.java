package dev.jcompose.network;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class AddressAllocatorTest {

  private static Ipv4Address a(String s) {
    return Ipv4Address.parse(s);
  }

  private static AddressAllocator allocator(String subnet, String... reserved) {
    return new AddressAllocator(SubnetAssignment.withFirstHostAsGateway(Ipv4Cidr.parse(subnet)),
        java.util.Arrays.stream(reserved).map(Ipv4Address::parse).toList());
  }

  @Test
  void allocate_skipsGateway_startsAtDot2_withPrefix() {
    AddressAllocator al = allocator("172.18.0.0/16");
    assertEquals(Ipv4Cidr.parse("172.18.0.2/16"), al.allocate());
    assertEquals(Ipv4Cidr.parse("172.18.0.3/16"), al.allocate());
  }

  @Test
  void allocate_skipsReserved() {
    AddressAllocator al = allocator("10.0.0.0/24", "10.0.0.2", "10.0.0.3");
    assertEquals(Ipv4Cidr.parse("10.0.0.4/24"), al.allocate());
  }

  @Test
  void allocate_isSerial_doesNotReuseAReleasedAddressAtOnce() {
    AddressAllocator al = allocator("10.0.0.0/24");
    Ipv4Cidr first = al.allocate();
    assertTrue(al.release(first.address()));
    assertEquals(Ipv4Cidr.parse("10.0.0.3/24"), al.allocate());
  }

  @Test
  void allocate_wrapsAroundAndNeverGivesNetworkOrBroadcast() {
    AddressAllocator al = allocator("10.0.0.0/29"); // hosts .1-.6, .1 is the gateway
    for (String expected : List.of("10.0.0.2", "10.0.0.3", "10.0.0.4", "10.0.0.5", "10.0.0.6")) {
      assertEquals(a(expected), al.allocate().address());
    }
    al.release(a("10.0.0.3"));
    assertEquals(a("10.0.0.3"), al.allocate().address());
  }

  @Test
  void allocate_full_saysExhaustedAndWhatToDo() {
    AddressAllocator al = allocator("10.0.0.0/30"); // hosts .1 (gateway) and .2
    al.allocate();
    NetworkException e = assertThrows(NetworkException.class, al::allocate);
    assertEquals(NetworkException.Kind.EXHAUSTED, e.kind());
    assertTrue(e.getMessage().startsWith("no available IPv4 addresses on this network's address pools"), e.getMessage());
    assertTrue(e.getMessage().contains("larger subnet"), e.getMessage());
  }

  @Test
  void allocateRequested_taken_isAConflict() {
    AddressAllocator al = allocator("10.0.0.0/24", "10.0.0.9");
    NetworkException e = assertThrows(NetworkException.class, () -> al.allocate(a("10.0.0.9")));
    assertEquals(NetworkException.Kind.CONFLICT, e.kind());
    assertTrue(e.getMessage().startsWith("Address already in use: 10.0.0.9"), e.getMessage());
    NetworkException gw = assertThrows(NetworkException.class, () -> al.allocate(a("10.0.0.1")));
    assertTrue(gw.getMessage().contains("the gateway of 10.0.0.0/24"), gw.getMessage());
  }

  @Test
  void allocateRequested_outsideOrBroadcast_isInvalid() {
    AddressAllocator al = allocator("10.0.0.0/24");
    NetworkException out = assertThrows(NetworkException.class, () -> al.allocate(a("10.0.1.5")));
    assertTrue(out.getMessage().contains("outside the subnet"), out.getMessage());
    NetworkException bc = assertThrows(NetworkException.class, () -> al.allocate(a("10.0.0.255")));
    assertTrue(bc.getMessage().contains("network or broadcast"), bc.getMessage());
  }

  @Test
  void allocateRequested_free() {
    AddressAllocator al = allocator("10.0.0.0/24");
    assertEquals(Ipv4Cidr.parse("10.0.0.77/24"), al.allocate(a("10.0.0.77")));
    assertEquals(List.of(a("10.0.0.77")), List.copyOf(al.allocated()));
  }

  @Test
  void release_unknown_returnsFalse() {
    assertFalse(allocator("10.0.0.0/24").release(a("10.0.0.5")));
  }
}
