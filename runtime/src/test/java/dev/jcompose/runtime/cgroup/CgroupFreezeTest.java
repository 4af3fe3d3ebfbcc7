package dev.jcompose.runtime.cgroup;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code docker pause}'s cgroup side against fake cgroupfs files (the real kernel: ContainerPauseRootTest). */
class CgroupFreezeTest {
  @TempDir Path fake;

  @Test
  void v1_writesFrozenAndThawed_toFreezerState() throws Exception {
    Path freezer = Files.createDirectories(fake.resolve("freezer/jcompose/c1"));
    Files.writeString(freezer.resolve("freezer.state"), "THAWED\n");
    ContainerCgroup cg = new ContainerCgroup(List.of(new CgroupDir("memory", fake.resolve("memory/jcompose/c1")),
        new CgroupDir("freezer", freezer)));
    CgroupV1Manager m = new CgroupV1Manager(List.of(new CgroupHierarchy("freezer", fake.resolve("freezer"))));
    assertFalse(m.isFrozen(cg));
    m.freeze(cg, true);
    assertEquals("FROZEN", Files.readString(freezer.resolve("freezer.state")));
    assertTrue(m.isFrozen(cg));
    m.freeze(cg, false);
    assertEquals("THAWED", Files.readString(freezer.resolve("freezer.state")));
    assertFalse(m.isFrozen(cg));
  }

  @Test
  void v1_withoutAFreezerHierarchy_saysSo() {
    ContainerCgroup cg = new ContainerCgroup(List.of(new CgroupDir("memory", fake.resolve("memory/jcompose/c1"))));
    CgroupV1Manager m = new CgroupV1Manager(List.of(new CgroupHierarchy("memory", fake.resolve("memory"))));
    CgroupException e = assertThrows(CgroupException.class, () -> m.freeze(cg, true));
    assertTrue(e.getMessage().contains("no freezer cgroup controller"), e.getMessage());
    assertFalse(m.isFrozen(cg));
  }

  @Test
  void v2_writesCgroupFreeze_andWaitsForTheEvent() throws Exception {
    Path dir = Files.createDirectories(fake.resolve("jcompose/c2"));
    Files.writeString(dir.resolve("cgroup.freeze"), "0\n");
    Files.writeString(dir.resolve("cgroup.events"), "populated 1\nfrozen 1\n"); // what the kernel reports once frozen
    CgroupV2Manager m = new CgroupV2Manager(fake);
    ContainerCgroup cg = m.locate("c2");
    m.freeze(cg, true);
    assertEquals("1", Files.readString(dir.resolve("cgroup.freeze")));
    assertTrue(m.isFrozen(cg));
    Files.writeString(dir.resolve("cgroup.events"), "populated 1\nfrozen 0\n");
    m.freeze(cg, false);
    assertEquals("0", Files.readString(dir.resolve("cgroup.freeze")));
    assertFalse(m.isFrozen(cg));
  }

  @Test
  void v2_withoutCgroupFreeze_namesTheKernelVersion() throws Exception {
    Files.createDirectories(fake.resolve("jcompose/c3"));
    CgroupV2Manager m = new CgroupV2Manager(fake);
    CgroupException e = assertThrows(CgroupException.class, () -> m.freeze(m.locate("c3"), true));
    assertTrue(e.getMessage().contains("5.2"), e.getMessage());
  }
}
