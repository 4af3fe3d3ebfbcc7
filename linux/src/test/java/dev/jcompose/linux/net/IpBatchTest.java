package dev.jcompose.linux.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class IpBatchTest {

  @Test
  void script_bridgeWithAddress_oneLinePerOperation() {
    IpBatch b = new IpBatch().addBridge("jcbr0").addAddress("jcbr0", "172.18.0.1/16").setUp("jcbr0");
    assertEquals("link add name jcbr0 type bridge\n"
        + "address add 172.18.0.1/16 dev jcbr0\n"
        + "link set dev jcbr0 up\n", b.script());
  }

  @Test
  void script_vethPeerInNetns_withAndWithoutMac() {
    assertEquals(List.of(
            "link add name jcv1234 type veth peer name eth0 netns 4242",
            "link add name jcv1234 type veth peer name eth0 address 02:42:ac:12:00:02 netns 4242"),
        new IpBatch()
            .addVethWithPeerInNetnsOf("jcv1234", "eth0", 4242, null)
            .addVethWithPeerInNetnsOf("jcv1234", "eth0", 4242, "02:42:ac:12:00:02")
            .lines());
  }

  @Test
  void script_containerSide() {
    IpBatch b = new IpBatch().addAddress("eth0", "172.18.0.2/16").setUp("eth0").setUp("lo")
        .addDefaultRoute("172.18.0.1", "eth0").setMaster("jcv1", "jcbr0").setHairpin("jcv1").deleteLink("jcv1");
    assertEquals(List.of("address add 172.18.0.2/16 dev eth0", "link set dev eth0 up", "link set dev lo up",
        "route add default via 172.18.0.1 dev eth0", "link set dev jcv1 master jcbr0",
        "link set dev jcv1 type bridge_slave hairpin on", "link del dev jcv1"), b.lines());
  }

  @Test
  void addBridge_nameWithNewline_isRefusedBeforeItReachesTheScript() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> new IpBatch().addBridge("jc\nlink del eth0"));
    assertTrue(e.getMessage().contains("not a valid interface name"), e.getMessage());
  }

  @Test
  void addBridge_nameLongerThan15_isRefused() {
    assertThrows(IllegalArgumentException.class, () -> new IpBatch().addBridge("jc0123456789abcd"));
  }

  @Test
  void addAddress_notACidr_isRefused() {
    assertThrows(IllegalArgumentException.class, () -> new IpBatch().addAddress("jcbr0", "172.18.0.1 dev eth0"));
  }

  @Test
  void addVeth_badPid_isRefused() {
    assertThrows(IllegalArgumentException.class, () -> new IpBatch().addVethWithPeerInNetnsOf("jcv1", "eth0", 0, null));
  }

  @Test
  void isEmpty_newBatch() {
    assertTrue(new IpBatch().isEmpty());
  }
}
