package dev.jcompose.network;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The driver's decisions, against a recording stack: no root needed. */
class BridgeNetworkDriverTest {

  private static final Ipv4Cidr SUBNET = Ipv4Cidr.parse("172.18.0.0/16");
  private static final Ipv4Address GW = Ipv4Address.parse("172.18.0.1");
  private static final Ipv4Address C = Ipv4Address.parse("172.18.0.2");

  private final RecordingNetworkStack stack = new RecordingNetworkStack();
  private final BridgeNetworkDriver driver = new BridgeNetworkDriver(stack, "jcompose");

  @Test
  void createBridge_fresh_oneIpBatchSysctlsOneNftTransaction() {
    driver.createBridge("jcbr0", SUBNET, GW);
    assertEquals(List.of(
            "ip: link add name jcbr0 address 02:42:ac:12:00:01 type bridge; address add 172.18.0.1/16 dev jcbr0; link set dev jcbr0 up",
            "sysctl: net/ipv4/ip_forward=1",
            "sysctl: net/ipv4/conf/jcbr0/route_localnet=1"),
        stack.calls.subList(0, 3));
    assertEquals(1, stack.callsStartingWith("nft: ").size());
    assertTrue(stack.calls.get(3).contains("add rule ip jcompose bridge_jcbr0_postrouting ip saddr 172.18.0.0/16"), stack.calls.get(3));
    assertEquals(List.of(), stack.callsStartingWith("iptables-restore"), "FORWARD is ACCEPT with no rules: leave iptables alone");
  }

  @Test
  void createBridge_forwardAlreadyOn_notWrittenAgain() {
    stack.sysctls.put("net/ipv4/ip_forward", "1");
    driver.createBridge("jcbr0", SUBNET, GW);
    assertEquals(List.of("sysctl: net/ipv4/conf/jcbr0/route_localnet=1"), stack.callsStartingWith("sysctl"));
  }

  @Test
  void createBridge_dockerDropPolicy_insertsAcceptRules() {
    stack.iptablesForward = "-P FORWARD DROP\n-A FORWARD -j DOCKER-USER\n";
    driver.createBridge("jcbr0", SUBNET, GW);
    assertEquals(List.of("iptables-restore: " + IptablesForwardRules.insertScript("jcbr0")), stack.callsStartingWith("iptables-restore"));
  }

  @Test
  void createBridge_dropPolicyRulesAlreadyThere_notInsertedTwice() {
    stack.iptablesForward = "-P FORWARD DROP\n-A FORWARD -i jcbr0 -m comment --comment jcompose:jcbr0 -j ACCEPT\n";
    driver.createBridge("jcbr0", SUBNET, GW);
    assertEquals(List.of(), stack.callsStartingWith("iptables-restore"));
  }

  @Test
  void createBridge_noIptables_isFine() {
    stack.iptablesForward = null;
    driver.createBridge("jcbr0", SUBNET, GW);
    assertEquals(List.of(), stack.callsStartingWith("iptables-restore"));
  }

  @Test
  void createBridge_existsWithSameAddress_onlyBringsItUp() {
    stack.links.add("jcbr0");
    stack.addresses.put("jcbr0", List.of("172.18.0.1/16"));
    driver.createBridge("jcbr0", SUBNET, GW);
    assertEquals("ip: link set dev jcbr0 up", stack.calls.get(0));
    assertEquals(1, stack.callsStartingWith("nft: ").size());
  }

  @Test
  void createBridge_existsWithOtherAddress_isAConflictThatSaysWhatToDo() {
    stack.links.add("jcbr0");
    stack.addresses.put("jcbr0", List.of("10.9.0.1/24"));
    NetworkException e = assertThrows(NetworkException.class, () -> driver.createBridge("jcbr0", SUBNET, GW));
    assertEquals(NetworkException.Kind.CONFLICT, e.kind());
    assertEquals("Tried to create bridge jcbr0 with 172.18.0.1/16 but failed because: a link named jcbr0 already exists with"
        + " 10.9.0.1/24. Remove the old network (or `ip link del jcbr0` if nothing uses it) or choose another bridge name",
        e.getMessage());
    assertEquals(List.of(), stack.calls);
  }

  @Test
  void createBridge_gatewayOutsideSubnet_refusedBeforeAnyHostChange() {
    assertThrows(NetworkException.class, () -> driver.createBridge("jcbr0", SUBNET, Ipv4Address.parse("10.0.0.1")));
    assertEquals(List.of(), stack.calls);
  }

  @Test
  void createBridge_badName_refused() {
    NetworkException e = assertThrows(NetworkException.class, () -> driver.createBridge("jc br0", SUBNET, GW));
    assertTrue(e.getMessage().startsWith("invalid bridge name \"jc br0\""), e.getMessage());
  }

  @Test
  void createBridge_nftFails_rollsBackTheNewBridge() {
    stack.failOn = "nft: add table";
    stack.failStderr = "Error: Could not process rule: Operation not supported";
    NetworkException e = assertThrows(NetworkException.class, () -> driver.createBridge("jcbr0", SUBNET, GW));
    assertEquals(NetworkException.Kind.HOST_FAILURE, e.kind());
    assertTrue(e.getMessage().startsWith("Tried to create bridge jcbr0 with 172.18.0.1/16 (nftables rules in table ip jcompose)"
        + " but failed because: `nft` failed with exit code 2: Error: Could not process rule: Operation not supported."
        + " check that nftables works"), e.getMessage());
    assertFalse(stack.links.contains("jcbr0"), "the bridge made by the failed call is removed again");
    assertTrue(stack.calls.contains("ip: link del dev jcbr0"), stack.calls.toString());
  }

  @Test
  void removeBridge_everything_lastBridgeDropsTable() {
    stack.links.add("jcbr0");
    stack.nftTableListing = "table ip jcompose {\n\tchain bridge_jcbr0_forward {\n\t}\n\tchain bridge_jcbr0_postrouting {\n\t}\n}\n";
    stack.iptablesForward = "-P FORWARD DROP\n-A FORWARD -i jcbr0 -m comment --comment jcompose:jcbr0 -j ACCEPT\n";
    driver.removeBridge("jcbr0");
    assertEquals(Set.of(
            "ip: link del dev jcbr0",
            "nft: delete table ip jcompose\n",
            "iptables-restore: *filter\n-D FORWARD -i jcbr0 -m comment --comment jcompose:jcbr0 -j ACCEPT\nCOMMIT\n"),
        Set.copyOf(stack.calls));
    assertEquals(3, stack.calls.size());
  }

  @Test
  void removeBridge_nothingLeft_isANoOp() {
    driver.removeBridge("jcbr0");
    assertEquals(List.of(), stack.calls);
  }

  @Test
  void removeBridge_aStepFails_theOthersStillRun_andTheMessageSaysHowToFinish() {
    stack.links.add("jcbr0");
    stack.nftTableListing = "table ip jcompose {\n\tchain bridge_jcbr0_forward {\n\t}\n}\n";
    stack.iptablesForward = "-P FORWARD DROP\n-A FORWARD -i jcbr0 -m comment --comment jcompose:jcbr0 -j ACCEPT\n";
    stack.failOn = "ip: link del";
    NetworkException e = assertThrows(NetworkException.class, () -> driver.removeBridge("jcbr0"));
    assertTrue(e.getMessage().startsWith("Tried to remove bridge jcbr0 but failed because: "), e.getMessage());
    assertTrue(e.getMessage().contains("Removal is idempotent: run it again"), e.getMessage());
    assertEquals(2, stack.callsStartingWith("nft: ").size() + stack.callsStartingWith("iptables-restore").size());
  }

  @Test
  void attach_hostBatchThenInsideBatch() {
    stack.links.add("jcbr0");
    driver.attach(4242, "jcbr0", "jcv0011aabb", "eth0", Ipv4Cidr.parse("172.18.0.2/16"), GW, "02:42:ac:12:00:02");
    assertEquals(List.of(
            "ip: link add name jcv0011aabb type veth peer name eth0 address 02:42:ac:12:00:02 netns 4242;"
                + " link set dev jcv0011aabb master jcbr0; link set dev jcv0011aabb type bridge_slave hairpin on;"
                + " link set dev jcv0011aabb up",
            "ip in 4242: address add 172.18.0.2/16 dev eth0; link set dev eth0 up; link set dev lo up;"
                + " route add default via 172.18.0.1 dev eth0"),
        stack.calls);
  }

  @Test
  void attach_noGateway_noDefaultRoute() {
    stack.links.add("jcbr0");
    driver.attach(4242, "jcbr0", "jcv1", "eth1", Ipv4Cidr.parse("172.18.0.2/16"), null, null);
    assertFalse(stack.calls.get(1).contains("route"), stack.calls.get(1));
  }

  @Test
  void attach_insideFails_vethIsDeletedAgain() {
    stack.links.add("jcbr0");
    stack.failOn = "ip in 4242";
    stack.failStderr = "nsenter: cannot open /proc/4242/ns/net: No such file or directory";
    NetworkException e = assertThrows(NetworkException.class,
        () -> driver.attach(4242, "jcbr0", "jcv1", "eth0", Ipv4Cidr.parse("172.18.0.2/16"), GW, null));
    assertTrue(e.getMessage().contains("inside the container's network namespace"), e.getMessage());
    assertTrue(e.getMessage().endsWith("is process 4242 still running?"), e.getMessage());
    assertFalse(stack.links.contains("jcv1"));
  }

  @Test
  void attach_missingBridge_saysCreateTheNetworkFirst() {
    NetworkException e = assertThrows(NetworkException.class,
        () -> driver.attach(4242, "jcbr9", "jcv1", "eth0", Ipv4Cidr.parse("172.18.0.2/16"), GW, null));
    assertTrue(e.getMessage().endsWith("bridge jcbr9 does not exist. Create the network first"), e.getMessage());
  }

  @Test
  void attach_badArguments() {
    stack.links.add("jcbr0");
    assertThrows(NetworkException.class, () -> driver.attach(1, "jcbr0", "jcv1", "eth0", Ipv4Cidr.parse("172.18.0.0/16"), GW, null));
    assertThrows(NetworkException.class,
        () -> driver.attach(1, "jcbr0", "jcv1", "eth0", Ipv4Cidr.parse("172.18.0.2/16"), Ipv4Address.parse("10.0.0.1"), null));
    assertThrows(NetworkException.class, () -> driver.attach(1, "jcbr0", "jcv1", "eth0", Ipv4Cidr.parse("172.18.0.2/16"), GW, "zz"));
    assertThrows(NetworkException.class, () -> driver.attach(0, "jcbr0", "jcv1", "eth0", Ipv4Cidr.parse("172.18.0.2/16"), GW, null));
    assertEquals(List.of(), stack.calls);
  }

  @Test
  void publish_free_oneNftTransaction() {
    List<PortMapping> out = driver.publish("web-1", List.of(PortMapping.tcp("127.0.0.1", 8080, C, 80)));
    assertEquals(List.of(PortMapping.tcp("127.0.0.1", 8080, C, 80)), out);
    assertEquals(1, stack.calls.size());
    assertTrue(stack.calls.get(0).contains("create element ip jcompose published_ports { tcp . 127.0.0.1 . 8080 comment \"web-1\" }"));
  }

  @Test
  void publish_portOfAnotherContainer_dockersMessage() {
    stack.nftTableListing = NftTableListingTest.LISTING;
    NetworkException e = assertThrows(NetworkException.class,
        () -> driver.publish("api", List.of(PortMapping.tcp("127.0.0.1", 8080, C, 80))));
    assertTrue(e.getMessage().startsWith("Bind for 127.0.0.1:8080 failed: port is already allocated"), e.getMessage());
    assertEquals(List.of(), stack.calls);
  }

  @Test
  void publish_hostProgramListens_refused() {
    stack.procNet.put("tcp", "  sl  local_address rem_address   st\n"
        + "   0: 0100007F:1F90 00000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 1 1 0 100 0 0 10 0\n");
    NetworkException e = assertThrows(NetworkException.class,
        () -> driver.publish("web", List.of(PortMapping.tcp("", 8080, C, 80))));
    assertTrue(e.getMessage().startsWith("Bind for 0.0.0.0:8080 failed: port is already in use by a program on this host"),
        e.getMessage());
  }

  @Test
  void publish_udpDoesNotLookAtTcpListeners() {
    stack.procNet.put("tcp", "   0: 00000000:0035 00000000:0000 0A 0 0 0 0 0 1 1 0\n");
    assertEquals(53, driver.publish("dns", List.of(PortMapping.udp("", 53, C, 53))).get(0).hostPort());
  }

  @Test
  void publish_portZero_pickedFromLocalPortRange() {
    stack.sysctls.put("net/ipv4/ip_local_port_range", "40000\t40000");
    assertEquals(40000, driver.publish("web", List.of(PortMapping.tcp("", 0, C, 80))).get(0).hostPort());
  }

  @Test
  void publish_raceWithAnotherProcess_isAConflict() {
    stack.failOn = "nft: ";
    stack.failStderr = "Error: Could not process rule: File exists";
    NetworkException e = assertThrows(NetworkException.class,
        () -> driver.publish("web", List.of(PortMapping.tcp("", 8080, C, 80))));
    assertEquals(NetworkException.Kind.CONFLICT, e.kind());
    assertTrue(e.getMessage().contains("port is already allocated"), e.getMessage());
  }

  @Test
  void unpublish_noTable_noOp() {
    driver.unpublish("web-1");
    assertEquals(List.of(), stack.calls);
  }

  @Test
  void unpublish_removesChainsAndElements() {
    stack.nftTableListing = NftTableListingTest.LISTING;
    driver.unpublish("web-1");
    assertEquals(1, stack.calls.size());
    assertTrue(stack.calls.get(0).contains("delete chain ip jcompose ports_web-1_prerouting"), stack.calls.get(0));
  }

  @Test
  void publishedPorts_fromTheTable() {
    stack.nftTableListing = NftTableListingTest.LISTING;
    assertEquals(3, driver.publishedPorts().size());
  }

  @Test
  void hostRoutes_parsed() {
    stack.routes = "default via 192.0.2.1 dev eth0\n192.0.2.0/24 dev eth0 proto kernel scope link src 192.0.2.2\n";
    assertEquals(List.of(Ipv4Cidr.parse("192.0.2.0/24")), driver.hostRoutes());
  }
}
