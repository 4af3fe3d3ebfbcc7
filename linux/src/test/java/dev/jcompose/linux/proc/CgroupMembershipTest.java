package dev.jcompose.linux.proc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class CgroupMembershipTest {

  @Test
  void parse_hybridHost() {
    List<CgroupMembership> entries = CgroupMembership.parse("""
        9:name=systemd:/
        4:memory:/process_api/20f7
        2:cpu,cpuacct:/
        0::/
        """);
    assertEquals(4, entries.size());
    assertEquals(List.of("memory"), entries.get(1).controllers());
    assertEquals("/process_api/20f7", entries.get(1).path());
    assertEquals(List.of("cpu", "cpuacct"), entries.get(2).controllers());
    assertTrue(entries.get(3).isUnified());
    assertFalse(entries.get(1).isUnified());
  }

  @Test
  void parse_pathMayContainColons() {
    assertEquals("/a:b", CgroupMembership.parse("0::/a:b\n").get(0).path());
  }

  @Test
  void readSelf_hasAtLeastOneLine() {
    assertFalse(CgroupMembership.readSelf().isEmpty());
  }
}
