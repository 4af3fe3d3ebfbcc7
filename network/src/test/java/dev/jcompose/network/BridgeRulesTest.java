package dev.jcompose.network;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class BridgeRulesTest {

  private final NftTable table = new NftTable("jcompose");

  @Test
  void add_rendersIdempotentTransaction() {
    assertEquals(""
            + "add table ip jcompose\n"
            + "add set ip jcompose published_ports { type inet_proto . ipv4_addr . inet_service; }\n"
            + "add set ip jcompose bridges { type ifname; }\n"
            + "add element ip jcompose bridges { \"jcbr0\" }\n"
            + "add chain ip jcompose bridge_jcbr0_forward { type filter hook forward priority 0; policy accept; }\n"
            + "flush chain ip jcompose bridge_jcbr0_forward\n"
            + "add rule ip jcompose bridge_jcbr0_forward oifname \"jcbr0\" iifname != \"jcbr0\" iifname @bridges ct status & dnat == 0 drop\n"
            + "add rule ip jcompose bridge_jcbr0_forward iifname \"jcbr0\" accept\n"
            + "add rule ip jcompose bridge_jcbr0_forward oifname \"jcbr0\" accept\n"
            + "add chain ip jcompose bridge_jcbr0_postrouting { type nat hook postrouting priority 100; policy accept; }\n"
            + "flush chain ip jcompose bridge_jcbr0_postrouting\n"
            + "add rule ip jcompose bridge_jcbr0_postrouting ip saddr 172.18.0.0/16 oifname != \"jcbr0\" masquerade\n"
            + "add rule ip jcompose bridge_jcbr0_postrouting ip saddr 127.0.0.0/8 oifname \"jcbr0\" masquerade\n"
            + "add rule ip jcompose bridge_jcbr0_postrouting oifname \"jcbr0\" ip saddr 172.18.0.0/16 ct status dnat masquerade\n",
        BridgeRules.add(table, "jcbr0", Ipv4Cidr.parse("172.18.0.0/16"), NetworkReach.EXTERNAL));
  }

  @Test
  void add_internal_dropsEverythingCrossingTheBridgeAndHasNoOutgoingMasquerade() {
    String script = BridgeRules.add(table, "jcbr0", Ipv4Cidr.parse("172.18.0.0/16"), NetworkReach.INTERNAL);
    String fwd = "add rule ip jcompose bridge_jcbr0_forward ";
    assertTrue(script.contains(fwd + "iifname \"jcbr0\" oifname != \"jcbr0\" drop\n"
        + fwd + "oifname \"jcbr0\" iifname != \"jcbr0\" drop\n"), script);
    assertTrue(script.indexOf(" drop\n") < script.indexOf(" accept\n"), "drops come before the accepts: " + script);
    assertFalse(script.contains("oifname != \"jcbr0\" masquerade"), script);
    assertTrue(script.contains("ip saddr 127.0.0.0/8 oifname \"jcbr0\" masquerade"), "published ports on 127.0.0.1 still work");
  }

  @Test
  void remove_lastBridge_deletesTheTable() {
    NftTableListing l = NftTableListing.parse("table ip jcompose {\n\tchain bridge_jcbr0_forward {\n\t}\n"
        + "\tchain bridge_jcbr0_postrouting {\n\t}\n}\n");
    assertEquals("delete table ip jcompose\n", BridgeRules.remove(table, "jcbr0", l));
  }

  @Test
  void remove_otherBridgeLeft_deletesOnlyOurChains() {
    NftTableListing l = NftTableListing.parse("table ip jcompose {\n\tchain bridge_jcbr0_forward {\n\t}\n"
        + "\tchain bridge_jcbr0_postrouting {\n\t}\n\tchain bridge_jcbr1_forward {\n\t}\n}\n");
    assertEquals(""
            + "flush chain ip jcompose bridge_jcbr0_forward\n"
            + "delete chain ip jcompose bridge_jcbr0_forward\n"
            + "flush chain ip jcompose bridge_jcbr0_postrouting\n"
            + "delete chain ip jcompose bridge_jcbr0_postrouting\n"
            + "add set ip jcompose bridges { type ifname; }\n"
            + "flush set ip jcompose bridges\n"
            + "add element ip jcompose bridges { \"jcbr1\" }\n",
        BridgeRules.remove(table, "jcbr0", l));
  }

  @Test
  void remove_halfRemoved_onlyWhatExists() {
    NftTableListing l = NftTableListing.parse("table ip jcompose {\n\tchain bridge_jcbr0_postrouting {\n\t}\n"
        + "\tchain ports_web_output {\n\t}\n}\n");
    assertEquals("flush chain ip jcompose bridge_jcbr0_postrouting\ndelete chain ip jcompose bridge_jcbr0_postrouting\n"
            + "add set ip jcompose bridges { type ifname; }\nflush set ip jcompose bridges\n",
        BridgeRules.remove(table, "jcbr0", l));
  }

  @Test
  void remove_alreadyGoneButOthersLeft_nothingToDo() {
    NftTableListing l = NftTableListing.parse("table ip jcompose {\n\tchain bridge_jcbr1_forward {\n\t}\n}\n");
    assertEquals("", BridgeRules.remove(table, "jcbr0", l));
  }
}
