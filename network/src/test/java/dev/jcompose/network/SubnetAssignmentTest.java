package dev.jcompose.network;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class SubnetAssignmentTest {

  @Test
  void withFirstHostAsGateway() {
    SubnetAssignment s = SubnetAssignment.withFirstHostAsGateway(Ipv4Cidr.parse("172.18.0.0/16"));
    assertEquals(Ipv4Address.parse("172.18.0.1"), s.gateway());
    assertEquals(Ipv4Cidr.parse("172.18.0.1/16"), s.gatewayCidr());
  }

  @Test
  void new_gatewayOutsideSubnet_namesBothAndAnAlternative() {
    NetworkException e = assertThrows(NetworkException.class,
        () -> new SubnetAssignment(Ipv4Cidr.parse("10.5.0.0/24"), Ipv4Address.parse("10.6.0.1")));
    assertEquals(NetworkException.Kind.INVALID_ARGUMENT, e.kind());
    assertEquals("gateway 10.6.0.1 is not inside subnet 10.5.0.0/24; give a gateway inside it, such as 10.5.0.1", e.getMessage());
  }

  @Test
  void new_gatewayIsBroadcast_isRefused() {
    NetworkException e = assertThrows(NetworkException.class,
        () -> new SubnetAssignment(Ipv4Cidr.parse("10.5.0.0/24"), Ipv4Address.parse("10.5.0.255")));
    assertEquals("gateway 10.5.0.255 is the broadcast address of 10.5.0.0/24; give a host address such as 10.5.0.1", e.getMessage());
  }

  @Test
  void new_subnetWithHostBits_saysWhatItShouldBe() {
    NetworkException e = assertThrows(NetworkException.class,
        () -> new SubnetAssignment(Ipv4Cidr.parse("10.5.0.7/24"), Ipv4Address.parse("10.5.0.1")));
    assertEquals("invalid subnet 10.5.0.7/24: it should be 10.5.0.0/24", e.getMessage());
  }

  @Test
  void withFirstHostAsGateway_slash31_tooSmall() {
    assertThrows(NetworkException.class, () -> SubnetAssignment.withFirstHostAsGateway(Ipv4Cidr.parse("10.0.0.0/31")));
  }
}
