package dev.jcompose.linux.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

class ToolNetworkStackTest {

  @Test
  void parseIpv4Addresses_ipOneLineOutput() {
    String out = "5: jcbr0    inet 172.18.0.1/16 scope global jcbr0\\       valid_lft forever preferred_lft forever\n"
        + "5: jcbr0    inet 10.9.0.1/24 scope global jcbr0\\       valid_lft forever preferred_lft forever\n";
    assertEquals(List.of("172.18.0.1/16", "10.9.0.1/24"), ToolNetworkStack.parseIpv4Addresses(out));
  }

  @Test
  void parseOperstate_ipOneLineOutput() {
    assertEquals("up", ToolNetworkStack.parseOperstate("7: jcv1a2b3c4d@if2: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 1500"
        + " qdisc noqueue master jcbr0 state UP mode DEFAULT group default qlen 1000\\    link/ether 4a:..."));
    assertEquals("lowerlayerdown", ToolNetworkStack.parseOperstate("7: jcv1@if2: <NO-CARRIER,BROADCAST,MULTICAST,UP,M-DOWN>"
        + " mtu 1500 qdisc noqueue master jcbr0 state LOWERLAYERDOWN mode DEFAULT"));
    assertEquals("", ToolNetworkStack.parseOperstate(""));
  }

  @Test
  void operstate_loopbackOfThisHost() {
    assertEquals(true, java.util.Set.of("unknown", "up").contains(ToolNetworkStack.host().operstate("lo")));
    assertEquals("", ToolNetworkStack.host().operstate("jc-no-such-link"));
  }

  @Test
  void procNetDevNames_theNamesBeforeTheColons() {
    String dev = "Inter-|   Receive                            |  Transmit\n"
        + " face |bytes    packets errs drop fifo frame compressed multicast|bytes\n"
        + "    lo:  123456     789    0    0    0     0          0         0   123456\n"
        + "jcbr-0a1b2c3d4e:       0       0    0    0    0     0          0         0        0\n"
        + "  eth0:1000 5 0 0 0 0 0 0 1000\n";
    assertEquals(java.util.Set.of("lo", "jcbr-0a1b2c3d4e", "eth0"), ToolNetworkStack.procNetDevNames(dev));
  }

  @Test
  void linkExists_readsTheJvmsOwnNamespace() {
    assertEquals(true, ToolNetworkStack.host().linkExists("lo"));
    assertEquals(false, ToolNetworkStack.host().linkExists("jc-no-such-link"));
  }

  @Test
  void parseIpv4Addresses_empty() {
    assertEquals(List.of(), ToolNetworkStack.parseIpv4Addresses(""));
  }

  @Test
  void readSysctl_pathEscapingProcSys_isRefused() {
    assertThrows(IllegalArgumentException.class, () -> ToolNetworkStack.host().readSysctl("../../etc/passwd"));
  }

  @Test
  void readProcNet_unknownTable_isRefused() {
    assertThrows(IllegalArgumentException.class, () -> ToolNetworkStack.host().readProcNet("route"));
  }

  @Test
  void readProcNet_tcp_hasHeader() {
    String tcp = ToolNetworkStack.host().readProcNet("tcp");
    assertEquals(true, tcp.startsWith("  sl") || tcp.isEmpty(), tcp);
  }
}
