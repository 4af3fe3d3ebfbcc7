package dev.jcompose.network;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class NftTableListingTest {

  /** As `nft -n list table ip jcompose` (nft 1.0.6) prints it. */
  static final String LISTING = ""
      + "table ip jcompose {\n"
      + "\tset published_ports {\n"
      + "\t\ttype inet_proto . ipv4_addr . inet_service\n"
      + "\t\telements = { 17 . 1.2.3.4 . 53,\n"
      + "\t\t\t     6 . 0.0.0.0 . 80 comment \"web-1\",\n"
      + "\t\t\t     6 . 127.0.0.1 . 8080 comment \"web-1\" }\n"
      + "\t}\n"
      + "\n"
      + "\tchain bridge_jcbr0_forward {\n"
      + "\t\ttype filter hook forward priority 0; policy accept;\n"
      + "\t\tiifname \"jcbr0\" accept\n"
      + "\t}\n"
      + "\n"
      + "\tchain ports_web-1_prerouting {\n"
      + "\t\ttype nat hook prerouting priority -100; policy accept;\n"
      + "\t\tfib daddr type 2 tcp dport 80 dnat to 172.18.0.3:80\n"
      + "\t}\n"
      + "}\n";

  @Test
  void parse_chainsAndPublishedPorts() {
    NftTableListing l = NftTableListing.parse(LISTING);
    assertEquals(Set.of("bridge_jcbr0_forward", "ports_web-1_prerouting"), l.chains());
    assertEquals(List.of(
            new PublishedPort(TransportProtocol.UDP, "1.2.3.4", 53, ""),
            new PublishedPort(TransportProtocol.TCP, "0.0.0.0", 80, "web-1"),
            new PublishedPort(TransportProtocol.TCP, "127.0.0.1", 8080, "web-1")),
        l.publishedPorts());
    assertEquals(2, l.publishedPortsOf("web-1").size());
  }

  @Test
  void parse_symbolicProtocols() {
    String text = "table ip t {\n\tset published_ports {\n\t\ttype inet_proto . ipv4_addr . inet_service\n"
        + "\t\telements = { tcp . 0.0.0.0 . 8080 comment \"k\" }\n\t}\n}\n";
    assertEquals(List.of(new PublishedPort(TransportProtocol.TCP, "0.0.0.0", 8080, "k")), NftTableListing.parse(text).publishedPorts());
  }

  @Test
  void parse_emptySet() {
    String text = "table ip t {\n\tset published_ports {\n\t\ttype inet_proto . ipv4_addr . inet_service\n\t}\n\n"
        + "\tchain bridge_x_forward {\n\t\ttype filter hook forward priority 0; policy accept;\n\t}\n}\n";
    NftTableListing l = NftTableListing.parse(text);
    assertEquals(List.of(), l.publishedPorts());
    assertEquals(Set.of("bridge_x_forward"), l.chains());
  }

  @Test
  void holdsAnythingBut() {
    NftTableListing l = NftTableListing.parse(LISTING);
    assertTrue(l.holdsAnythingBut(Set.of("bridge_jcbr0_forward")));
    assertFalse(l.holdsAnythingBut(Set.of("bridge_jcbr0_forward", "ports_web-1_prerouting")));
  }
}
