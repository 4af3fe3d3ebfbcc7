package dev.jcompose.network;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class ContainerResolvConfTest {

  @Test
  void render_gatewayAsOnlyNameserver_hostSearchAndOptionsKept() {
    String out = ContainerResolvConf.render("nameserver 10.255.255.53\nsearch corp.example\noptions ndots:2 timeout:1\n",
        Ipv4Address.parse("172.18.0.1"));
    assertEquals(""
        + "# written by jcompose: names of the container's networks are answered by its embedded DNS server,\n"
        + "# everything else is forwarded to the host's nameservers\n"
        + "nameserver 172.18.0.1\n"
        + "search corp.example\n"
        + "options ndots:2 timeout:1\n", out);
  }

  @Test
  void render_dnsSearchAndOptionsReplaceTheHostsLines_ownServersNamed() {
    String out = ContainerResolvConf.render("nameserver 10.255.255.53\nsearch corp.example\ndomain corp\noptions ndots:2\n",
        Ipv4Address.parse("172.18.0.1"), List.of("example.test", "b.test"), List.of("ndots:1", "timeout:1"), List.of("10.9.9.9"));
    assertEquals(List.of("nameserver 172.18.0.1", "search example.test b.test", "options ndots:1 timeout:1"),
        out.lines().filter(l -> !l.startsWith("#")).toList());
    assertTrue(out.contains("forwarded to the container's dns servers: 10.9.9.9"), out);
  }

  @Test
  void render_dnsSearchWithoutHostSearch_isAdded() {
    String out = ContainerResolvConf.render("nameserver 10.255.255.53\n", Ipv4Address.parse("172.18.0.1"), List.of("example.test"),
        List.of(), List.of());
    assertEquals(List.of("nameserver 172.18.0.1", "search example.test"), out.lines().filter(l -> !l.startsWith("#")).toList());
  }
}
