package dev.jcompose.network;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

class PortRulesTest {

  private static final Ipv4Address C = Ipv4Address.parse("172.18.0.3");
  private final NftTable table = new NftTable("jcompose");

  @Test
  void dnatRule_allAddressesUsesFib_specificUsesDaddr() {
    assertEquals("fib daddr type local tcp dport 8080 dnat to 172.18.0.3:80", PortRules.dnatRule(PortMapping.tcp("", 8080, C, 80)));
    assertEquals("ip daddr 127.0.0.1 udp dport 5353 dnat to 172.18.0.3:53",
        PortRules.dnatRule(PortMapping.udp("127.0.0.1", 5353, C, 53)));
  }

  @Test
  void publish_freshContainer() {
    assertEquals(""
            + "add table ip jcompose\n"
            + "add set ip jcompose published_ports { type inet_proto . ipv4_addr . inet_service; }\n"
            + "add set ip jcompose bridges { type ifname; }\n"
            + "add chain ip jcompose ports_web-1_prerouting { type nat hook prerouting priority -100; policy accept; }\n"
            + "flush chain ip jcompose ports_web-1_prerouting\n"
            + "add chain ip jcompose ports_web-1_output { type nat hook output priority -100; policy accept; }\n"
            + "flush chain ip jcompose ports_web-1_output\n"
            + "add rule ip jcompose ports_web-1_prerouting ip daddr 127.0.0.1 tcp dport 8080 dnat to 172.18.0.3:80\n"
            + "add rule ip jcompose ports_web-1_output ip daddr 127.0.0.1 tcp dport 8080 dnat to 172.18.0.3:80\n"
            + "create element ip jcompose published_ports { tcp . 127.0.0.1 . 8080 comment \"web-1\" }\n",
        PortRules.publish(table, "web-1", List.of(PortMapping.tcp("127.0.0.1", 8080, C, 80)), NftTableListing.ABSENT));
  }

  @Test
  void publish_again_deletesTheOldElementsFirst() {
    NftTableListing l = NftTableListing.parse(NftTableListingTest.LISTING);
    String script = PortRules.publish(table, "web-1", List.of(PortMapping.tcp("", 80, C, 80)), l);
    assertEquals(true, script.contains(""
        + "delete element ip jcompose published_ports { tcp . 0.0.0.0 . 80 }\n"
        + "delete element ip jcompose published_ports { tcp . 127.0.0.1 . 8080 }\n"
        + "add rule ip jcompose ports_web-1_prerouting fib daddr type local tcp dport 80 dnat to 172.18.0.3:80\n"), script);
  }

  @Test
  void unpublish_othersLeft_removesChainsAndElements() {
    NftTableListing l = NftTableListing.parse(NftTableListingTest.LISTING);
    assertEquals(""
            + "flush chain ip jcompose ports_web-1_prerouting\n"
            + "delete chain ip jcompose ports_web-1_prerouting\n"
            + "delete element ip jcompose published_ports { tcp . 0.0.0.0 . 80 }\n"
            + "delete element ip jcompose published_ports { tcp . 127.0.0.1 . 8080 }\n",
        PortRules.unpublish(table, "web-1", l));
  }

  @Test
  void unpublish_unknownContainer_nothingToDo() {
    assertEquals("", PortRules.unpublish(table, "nobody", NftTableListing.parse(NftTableListingTest.LISTING)));
  }

  @Test
  void unpublish_lastThingInTable_deletesTable() {
    NftTableListing l = NftTableListing.parse("table ip jcompose {\n\tchain ports_web_output {\n\t}\n}\n");
    assertEquals("delete table ip jcompose\n", PortRules.unpublish(table, "web", l));
  }

  @Test
  void checkKey_refusesWhatCouldBreakTheScript() {
    assertEquals("3f4e1a2b9c0d", PortRules.checkKey("3f4e1a2b9c0d"));
    assertThrows(NetworkException.class, () -> PortRules.checkKey("web 1"));
    assertThrows(NetworkException.class, () -> PortRules.checkKey("a\"b"));
    assertThrows(NetworkException.class, () -> PortRules.checkKey("-x"));
    assertThrows(NetworkException.class, () -> PortRules.checkKey("x".repeat(65)));
  }
}
