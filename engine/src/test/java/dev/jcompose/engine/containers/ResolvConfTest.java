package dev.jcompose.engine.containers;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class ResolvConfTest {

  @Test
  void forContainer_keepsReachableNameserversAndOptions() {
    String host = "# generated\nsearch corp.example\nnameserver 10.0.0.2\nnameserver 2001:db8::53\noptions ndots:2\n";
    assertEquals(host, ResolvConf.forContainer(host));
  }

  @Test
  void forContainer_dropsLoopbackNameservers() {
    String host = "nameserver 127.0.0.1\nnameserver 10.0.0.2\nnameserver ::1\nnameserver 127.0.1.1\nsearch lan\n";
    assertEquals("nameserver 10.0.0.2\nsearch lan\n", ResolvConf.forContainer(host));
  }

  @Test
  void forContainer_dropsLoopbackSeparatedByTabs() {
    assertEquals("nameserver 10.0.0.2\n", ResolvConf.forContainer("nameserver\t127.0.0.53\nnameserver 10.0.0.2\n"));
  }

  @Test
  void forContainer_onlySystemdResolved_getsDockerDefaults() {
    String host = "# This is /run/systemd/resolve/stub-resolv.conf\nnameserver 127.0.0.53\noptions edns0 trust-ad\nsearch .\n";
    assertEquals("# This is /run/systemd/resolve/stub-resolv.conf\noptions edns0 trust-ad\nsearch .\n"
        + "nameserver 8.8.8.8\nnameserver 8.8.4.4\n", ResolvConf.forContainer(host));
  }

  @Test
  void forContainer_emptyHostFile_getsDockerDefaults() {
    assertEquals("nameserver 8.8.8.8\nnameserver 8.8.4.4\n", ResolvConf.forContainer(""));
  }

  @Test
  void forContainer_commentMentioningLoopback_isKept() {
    String host = "# nameserver 127.0.0.1 was here\nnameserver 192.168.1.1\n";
    assertEquals(host, ResolvConf.forContainer(host));
  }

  @Test
  void forContainer_alwaysEndsWithNewline() {
    assertEquals("nameserver 10.0.0.2\n", ResolvConf.forContainer("nameserver 10.0.0.2"));
  }

  @Test
  void forContainer_dnsSearchOptions_replaceTheHosts() {
    String host = "search corp.example\nnameserver 10.0.0.2\noptions ndots:2\n";
    assertEquals("nameserver 10.9.9.9\nsearch example.test\noptions timeout:1\n",
        ResolvConf.forContainer(host, java.util.List.of("10.9.9.9"), java.util.List.of("example.test"), java.util.List.of("timeout:1")));
    assertEquals(host, ResolvConf.forContainer(host, java.util.List.of(), java.util.List.of(), java.util.List.of()));
  }
}
