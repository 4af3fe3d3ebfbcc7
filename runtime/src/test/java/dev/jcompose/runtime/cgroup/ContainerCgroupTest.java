package dev.jcompose.runtime.cgroup;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class ContainerCgroupTest {
  private final ContainerCgroup cg = new ContainerCgroup(List.of(
      new CgroupDir("memory", Path.of("/sys/fs/cgroup/memory/own/jcompose/a")),
      new CgroupDir("cpu,cpuacct", Path.of("/sys/fs/cgroup/cpu,cpuacct/jcompose/a"))));

  @Test
  void serialize_parse_roundTrip() {
    assertEquals("memory\t/sys/fs/cgroup/memory/own/jcompose/a\ncpu,cpuacct\t/sys/fs/cgroup/cpu,cpuacct/jcompose/a\n", cg.serialize());
    assertEquals(cg, ContainerCgroup.parse(cg.serialize()));
  }

  @Test
  void dirFor_findsTheHierarchyHoldingTheController() {
    assertEquals(Path.of("/sys/fs/cgroup/cpu,cpuacct/jcompose/a"), cg.dirFor("cpuacct").orElseThrow());
    assertTrue(cg.dirFor("pids").isEmpty());
  }

  @Test
  void dirFor_unifiedDirHasEveryController() {
    ContainerCgroup v2 = new ContainerCgroup(List.of(new CgroupDir(CgroupDir.UNIFIED, Path.of("/sys/fs/cgroup/jcompose/a"))));
    assertEquals(Path.of("/sys/fs/cgroup/jcompose/a"), v2.dirFor("memory").orElseThrow());
    assertEquals(v2, ContainerCgroup.parse(v2.serialize()));
  }
}
