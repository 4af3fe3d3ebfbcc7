package dev.jcompose.network;

import static org.junit.jupiter.api.Assertions.assertEquals;

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
}
