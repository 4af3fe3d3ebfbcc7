package dev.jcompose.network;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class HostsEntryTest {

  @Test
  void parseExtraHost_colonEqualsAndIpv6() {
    assertEquals(HostsEntry.of("162.242.195.82", "somehost"), HostsEntry.parseExtraHost("somehost:162.242.195.82"));
    assertEquals(HostsEntry.of("10.0.0.1", "otherhost"), HostsEntry.parseExtraHost("otherhost=10.0.0.1"));
    assertEquals(HostsEntry.of("::1", "myhostv6"), HostsEntry.parseExtraHost("myhostv6=[::1]"));
    assertEquals(HostsEntry.of("::1", "myhostv6"), HostsEntry.parseExtraHost("myhostv6:::1"));
  }

  @Test
  void parseExtraHost_malformed_showsTheExpectedForm() {
    NetworkException e = assertThrows(NetworkException.class, () -> HostsEntry.parseExtraHost("nohost"));
    assertTrue(e.getMessage().contains("expected NAME:ADDRESS"), e.getMessage());
  }

  @Test
  void new_nameWithSpace_isRefused() {
    NetworkException e = assertThrows(NetworkException.class, () -> new HostsEntry("10.0.0.1", List.of("a b")));
    assertTrue(e.getMessage().contains("cannot contain spaces"), e.getMessage());
  }

  @Test
  void new_badAddress_isRefused() {
    assertThrows(NetworkException.class, () -> HostsEntry.of("10.0.0.1\n1.1.1.1", "x"));
  }
}
