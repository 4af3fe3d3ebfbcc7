package dev.jcompose.network;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetSocketAddress;
import java.util.List;
import org.junit.jupiter.api.Test;

class DnsUpstreamsTest {

  @Test
  void fromResolvConf_nameserversInOrder_loopbackKept_noiseSkipped() {
    DnsUpstreams u = DnsUpstreams.fromResolvConf("# comment\nsearch example.com\nnameserver 10.255.255.53\n"
        + "nameserver 127.0.0.53\nnameserver not-an-address\nnameserver ::1\noptions ndots:2\n");
    assertEquals(List.of(new InetSocketAddress("10.255.255.53", 53), new InetSocketAddress("127.0.0.53", 53),
        new InetSocketAddress("::1", 53)), u.servers());
  }

  @Test
  void fromResolvConf_empty_noUpstream() {
    assertTrue(DnsUpstreams.fromResolvConf("").isEmpty());
  }
}
