package dev.jcompose.linux.proc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class MountInfoTest {

  private static final String SAMPLE = """
      23 1 254:0 / / rw,relatime - ext4 /dev/vda rw
      35 31 0:32 / /sys/fs/cgroup/memory rw,relatime - cgroup cgroup rw,memory
      36 31 0:33 /docker/abc /sys/fs/cgroup/cpu,cpuacct rw,nosuid shared:7 master:2 - cgroup cgroup rw,cpu,cpuacct
      41 31 0:38 / /sys/fs/cgroup/unified rw,relatime - cgroup2 cgroup2 rw
      90 23 0:50 / /tmp/with\\040space rw - tmpfs tmpfs rw,size=1024k
      """;

  @Test
  void parse_readsFieldsAndOptionalTags() {
    List<MountInfo> mounts = MountInfo.parse(SAMPLE);
    assertEquals(5, mounts.size());
    MountInfo cpu = mounts.get(2);
    assertEquals(36, cpu.mountId());
    assertEquals(31, cpu.parentId());
    assertEquals("/docker/abc", cpu.root());
    assertEquals("/sys/fs/cgroup/cpu,cpuacct", cpu.mountPoint());
    assertEquals(List.of("shared:7", "master:2"), cpu.optionalFields());
    assertEquals("cgroup", cpu.fsType());
    assertEquals(Set.of("rw", "cpu", "cpuacct"), cpu.superOptionSet());
  }

  @Test
  void parse_decodesOctalEscapes() {
    assertEquals("/tmp/with space", MountInfo.parse(SAMPLE).get(4).mountPoint());
  }

  @Test
  void isAtOrBelow_matchesWholePathComponents() {
    MountInfo m = MountInfo.parse(SAMPLE).get(1);
    assertTrue(m.isAtOrBelow("/sys/fs/cgroup"));
    assertTrue(m.isAtOrBelow("/sys/fs/cgroup/memory"));
    assertFalse(m.isAtOrBelow("/sys/fs/cgroup/mem"));
    assertTrue(m.isAtOrBelow("/"));
  }

  @Test
  void parse_rejectsGarbage() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> MountInfo.parse("1 2 3"));
    assertTrue(e.getMessage().contains("not a mountinfo line"), e.getMessage());
  }

  @Test
  void readSelf_findsTheRootMount() {
    assertTrue(MountInfo.readSelf().stream().anyMatch(m -> m.mountPoint().equals("/")));
  }
}
