package dev.jcompose.network;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class DnsNameRegistryTest {

  private static final Ipv4Address WEB1 = Ipv4Address.parse("172.18.0.2");
  private static final Ipv4Address WEB2 = Ipv4Address.parse("172.18.0.3");
  private static final Ipv4Address DB = Ipv4Address.parse("172.18.0.4");
  private static final Ipv4Address OTHER = Ipv4Address.parse("172.19.0.2");

  private final DnsNameRegistry names = new DnsNameRegistry();

  private void twoProjects() {
    names.register("web1", "a_default", WEB1, List.of("a-web-1", "web"));
    names.register("web2", "a_default", WEB2, List.of("a-web-2", "web"));
    names.register("db", "a_default", DB, List.of("a-db-1", "db", "database"));
    names.register("other", "b_default", OTHER, List.of("b-web-1", "web"));
  }

  @Test
  void lookup_serviceName_allReplicasRotatingOnEveryQuery() {
    twoProjects();
    List<Ipv4Address> first = names.lookup(DB, "web");
    List<Ipv4Address> second = names.lookup(DB, "web");
    assertEquals(Set.of(WEB1, WEB2), Set.copyOf(first));
    assertEquals(2, first.size());
    assertNotEquals(first, second, "round-robin: the order changes from one query to the next");
    assertEquals(first, names.lookup(DB, "web"), "and comes back after a full turn");
  }

  @Test
  void lookup_containerNameAliasCaseAndTrailingDot() {
    twoProjects();
    assertEquals(List.of(DB), names.lookup(WEB1, "a-db-1"));
    assertEquals(List.of(DB), names.lookup(WEB1, "DATABASE."));
  }

  @Test
  void lookup_namesOfOtherNetworksAreInvisible() {
    twoProjects();
    assertEquals(List.of(OTHER), names.lookup(OTHER, "web"), "project b sees only its own web");
    assertEquals(List.of(), names.lookup(OTHER, "db"));
    assertFalse(names.resolves(OTHER, "a-web-1"));
  }

  @Test
  void lookup_containerOnTwoNetworks_seesBoth() {
    twoProjects();
    Ipv4Address proxyOnB = Ipv4Address.parse("172.19.0.9");
    names.register("proxy", "a_default", Ipv4Address.parse("172.18.0.9"), List.of("proxy"));
    names.register("proxy", "b_default", proxyOnB, List.of("proxy"));
    assertEquals(List.of(DB), names.lookup(proxyOnB, "db"), "asked from its address on b, still sees a");
    assertEquals(List.of(proxyOnB), names.lookup(OTHER, "proxy"), "b sees the proxy's address on b only");
  }

  @Test
  void unknownAsker_seesNothing() {
    twoProjects();
    Ipv4Address host = Ipv4Address.parse("10.0.0.1");
    assertFalse(names.knows(host));
    assertEquals(List.of(), names.lookup(host, "web"));
  }

  @Test
  void recreatedContainer_newAddressAnsweredAtOnce() {
    twoProjects();
    names.unregister("a_default", DB);
    Ipv4Address newDb = Ipv4Address.parse("172.18.0.7");
    names.register("db-new", "a_default", newDb, List.of("a-db-1", "db"));
    assertEquals(List.of(newDb), names.lookup(WEB1, "db"));
  }

  @Test
  void unregisterNetwork_forgetsAllItsNames() {
    twoProjects();
    names.unregisterNetwork("a_default");
    assertTrue(names.registrationsOn("a_default").isEmpty());
    assertFalse(names.knows(WEB1));
    assertTrue(names.knows(OTHER));
  }

  @Test
  void lookup_linkAlias_resolvesToItsTarget_forTheLinkingContainerOnly() {
    twoProjects();
    names.configure("db", new DnsNameRegistry.ResolverSettings(java.util.Map.of("frontend", "a-web-1"), DnsUpstreams.none()));
    assertEquals(List.of(WEB1), names.lookup(DB, "frontend"));
    assertTrue(names.resolves(DB, "Frontend."));
    assertFalse(names.resolves(WEB2, "frontend"), "web-2 declared no link");
  }

  @Test
  void upstreamsOf_theAskersOwnNameservers_forgottenWithItsLastEndpoint() {
    twoProjects();
    DnsUpstreams own = DnsUpstreams.fromResolvConf("nameserver 10.9.9.9\n");
    names.configure("db", new DnsNameRegistry.ResolverSettings(java.util.Map.of("frontend", "a-web-1"), own));
    assertEquals(java.util.Optional.of(own), names.upstreamsOf(DB));
    assertEquals(java.util.Optional.empty(), names.upstreamsOf(WEB1));
    names.unregister("a_default", DB);
    names.register("db", "a_default", DB, List.of("a-db-1"));
    assertEquals(java.util.Optional.empty(), names.upstreamsOf(DB), "a container registered again starts without settings");
    assertFalse(names.resolves(DB, "frontend"));
  }
}
