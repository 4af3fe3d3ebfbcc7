package dev.jcompose.network;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class HostsFileTest {

  private static final String LOOPBACK = "127.0.0.1\tlocalhost\n"
      + "::1\tlocalhost ip6-localhost ip6-loopback\n"
      + "fe00::0\tip6-localnet\n"
      + "ff00::0\tip6-mcastprefix\n"
      + "ff02::1\tip6-allnodes\n"
      + "ff02::2\tip6-allrouters\n";

  @Test
  void render_selfPeersAndExtraHosts_inDockersOrder() {
    String out = HostsFile.render(
        HostsEntry.of("172.18.0.2", "3f4e1a2b9c0d", "web", "web-1"),
        List.of(HostsEntry.of("172.18.0.3", "db", "db-1", "database"), HostsEntry.of("172.18.0.4", "cache")),
        List.of(HostsEntry.parseExtraHost("somehost:162.242.195.82")));
    assertEquals(LOOPBACK
        + "162.242.195.82\tsomehost\n"
        + "172.18.0.2\t3f4e1a2b9c0d web web-1\n"
        + "172.18.0.3\tdb db-1 database\n"
        + "172.18.0.4\tcache\n", out);
  }

  @Test
  void render_noNetwork_onlyLoopback() {
    assertEquals(LOOPBACK, HostsFile.render(null, List.of(), List.of()));
  }

  @Test
  void render_peerWithOurOwnAddress_isLeftOut_andNamelessEntriesToo() {
    String out = new HostsFile(HostsEntry.of("172.18.0.2", "web"),
        List.of(HostsEntry.of("172.18.0.2", "web-alias"), HostsEntry.of("172.18.0.9")), List.of()).render();
    assertEquals(LOOPBACK + "172.18.0.2\tweb\n", out);
  }

  @Test
  void render_duplicateNamesOnALine_once() {
    assertTrue(HostsFile.render(HostsEntry.of("10.0.0.2", "web", "web"), List.of(), List.of()).endsWith("10.0.0.2\tweb\n"));
  }
}
