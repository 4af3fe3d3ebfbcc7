package dev.jcompose.network;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class HostRoutesTest {

  @Test
  void parse_typicalDockerHost() {
    String text = "default via 192.0.2.1 dev eth0 \n"
        + "172.17.0.0/16 dev docker0 proto kernel scope link src 172.17.0.1 linkdown \n"
        + "172.20.0.0/16 dev br-5c1f proto kernel scope link src 172.20.0.1 \n"
        + "192.0.2.0/24 dev eth0 proto kernel scope link src 192.0.2.2 \n";
    assertEquals(List.of(Ipv4Cidr.parse("172.17.0.0/16"), Ipv4Cidr.parse("172.20.0.0/16"), Ipv4Cidr.parse("192.0.2.0/24")),
        HostRoutes.parse(text));
  }

  @Test
  void parse_hostRoutesTypesAndMultipath() {
    String text = "10.9.8.7 via 192.0.2.1 dev eth0\n"
        + "unreachable 10.0.0.0/8 metric 1024\n"
        + "blackhole 10.66.0.0/16\n"
        + "10.77.0.0/16 proto static metric 20\n"
        + "\tnexthop via 192.0.2.3 dev eth0 weight 1\n"
        + "\tnexthop via 192.0.2.4 dev eth0 weight 1\n"
        + "0.0.0.0/0 via 192.0.2.1 dev eth1\n";
    assertEquals(List.of(Ipv4Cidr.parse("10.9.8.7/32"), Ipv4Cidr.parse("10.0.0.0/8"), Ipv4Cidr.parse("10.66.0.0/16"),
        Ipv4Cidr.parse("10.77.0.0/16")), HostRoutes.parse(text));
  }

  @Test
  void parse_emptyAndUnknownKeywords() {
    assertEquals(List.of(), HostRoutes.parse(""));
    assertEquals(List.of(), HostRoutes.parse("somethingnew 1.2.3.4/8\n"));
  }
}
