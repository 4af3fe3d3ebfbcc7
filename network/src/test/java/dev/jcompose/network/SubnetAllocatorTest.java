package dev.jcompose.network;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SubnetAllocatorTest {

  private final SubnetAllocator allocator = SubnetAllocator.withDefaultPools();

  private static Ipv4Cidr c(String s) {
    return Ipv4Cidr.parse(s);
  }

  @Test
  void allocate_nothingInUse_firstDefaultPool() {
    SubnetAssignment s = allocator.allocate(List.of(), List.of());
    assertEquals(c("172.17.0.0/16"), s.subnet());
    assertEquals(Ipv4Address.parse("172.17.0.1"), s.gateway());
  }

  @Test
  void allocate_skipsSubnetsInUseAndHostRoutes() {
    SubnetAssignment s = allocator.allocate(List.of(c("172.17.0.0/16"), c("172.19.0.0/16")),
        HostRoutes.parse("172.18.5.0/24 dev eth1 proto kernel scope link src 172.18.5.2\n"));
    assertEquals(c("172.20.0.0/16"), s.subnet());
  }

  @Test
  void allocate_defaultRouteDoesNotBlockEverything() {
    SubnetAssignment s = allocator.allocate(List.of(), HostRoutes.parse("default via 192.0.2.1 dev eth0\n"));
    assertEquals(c("172.17.0.0/16"), s.subnet());
  }

  @Test
  void allocate_all172Taken_goesTo192_168_in20s() {
    List<Ipv4Cidr> used = new ArrayList<>();
    used.add(c("172.16.0.0/12"));
    used.add(c("192.168.0.0/20"));
    SubnetAssignment s = allocator.allocate(List.of(), used);
    assertEquals(c("192.168.16.0/20"), s.subnet());
    assertEquals(Ipv4Address.parse("192.168.16.1"), s.gateway());
  }

  @Test
  void allocate_everythingTaken_saysWhatToDo() {
    NetworkException e = assertThrows(NetworkException.class,
        () -> allocator.allocate(List.of(c("172.16.0.0/12")), List.of(c("192.168.0.0/16"))));
    assertEquals(NetworkException.Kind.EXHAUSTED, e.kind());
    assertTrue(e.getMessage().startsWith("could not find an available, non-overlapping IPv4 address pool among the defaults"),
        e.getMessage());
    assertTrue(e.getMessage().contains("give the network a subnet explicitly"), e.getMessage());
  }

  @Test
  void allocate_customPools() {
    SubnetAllocator a = new SubnetAllocator(List.of(AddressPool.of("10.10.0.0/16", 24)));
    assertEquals(c("10.10.1.0/24"), a.allocate(List.of(c("10.10.0.0/24")), List.of()).subnet());
  }

  @Test
  void requested_subnetAndGateway() {
    SubnetAssignment s = allocator.requested("10.5.0.0/24", "10.5.0.254", List.of(c("172.18.0.0/16")));
    assertEquals(c("10.5.0.0/24"), s.subnet());
    assertEquals(Ipv4Address.parse("10.5.0.254"), s.gateway());
  }

  @Test
  void requested_noGateway_firstHost() {
    assertEquals(Ipv4Address.parse("10.5.0.1"), allocator.requested("10.5.0.0/24", null, List.of()).gateway());
    assertEquals(Ipv4Address.parse("10.5.0.1"), allocator.requested("10.5.0.0/24", "", List.of()).gateway());
  }

  @Test
  void requested_gatewayOutside_isRefused() {
    NetworkException e = assertThrows(NetworkException.class, () -> allocator.requested("10.5.0.0/24", "10.5.1.1", List.of()));
    assertEquals(NetworkException.Kind.INVALID_ARGUMENT, e.kind());
    assertTrue(e.getMessage().contains("is not inside subnet 10.5.0.0/24"), e.getMessage());
  }

  @Test
  void requested_overlapsExistingNetwork_isAConflict() {
    NetworkException e = assertThrows(NetworkException.class,
        () -> allocator.requested("172.18.3.0/24", null, List.of(c("172.18.0.0/16"))));
    assertEquals(NetworkException.Kind.CONFLICT, e.kind());
    assertEquals("Pool overlaps with other one on this address space: 172.18.3.0/24 overlaps 172.18.0.0/16 of an existing"
        + " network; choose a subnet that overlaps no other network", e.getMessage());
  }

  @Test
  void requested_hostBitsSet_saysWhatItShouldBe() {
    NetworkException e = assertThrows(NetworkException.class, () -> allocator.requested("172.28.5.3/16", null, List.of()));
    assertEquals("invalid subnet 172.28.5.3/16: it should be 172.28.0.0/16", e.getMessage());
  }

  @Test
  void requested_garbage() {
    NetworkException e = assertThrows(NetworkException.class, () -> allocator.requested("banana", null, List.of()));
    assertTrue(e.getMessage().startsWith("invalid subnet: "), e.getMessage());
    NetworkException g = assertThrows(NetworkException.class, () -> allocator.requested("10.0.0.0/8", "x", List.of()));
    assertTrue(g.getMessage().startsWith("invalid gateway: "), g.getMessage());
  }

  @Test
  void requested_mayOverlapHostRoutes_likeDocker() {
    // host routes are not even an input: the user knows their network
    assertEquals(c("192.0.2.0/24"), allocator.requested("192.0.2.0/24", null, List.of()).subnet());
  }
}
