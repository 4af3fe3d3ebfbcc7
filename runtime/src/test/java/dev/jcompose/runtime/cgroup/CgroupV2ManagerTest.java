package dev.jcompose.runtime.cgroup;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jcompose.linux.proc.CgroupMembership;
import dev.jcompose.linux.proc.MountInfo;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CgroupV2ManagerTest {
  @TempDir Path fake;

  @Test
  void locate_isBelowTheEnginesOwnCgroup() {
    CgroupV2Manager m = CgroupV2Manager.forProcess(
        MountInfo.parse("30 23 0:26 / /sys/fs/cgroup rw,nosuid - cgroup2 cgroup2 rw,nsdelegate\n"),
        CgroupMembership.parse("0::/system.slice/jcompose.service\n"));
    assertEquals(List.of(new CgroupDir(CgroupDir.UNIFIED,
        Path.of("/sys/fs/cgroup/system.slice/jcompose.service/jcompose/db"))), m.locate("db").dirs());
  }

  @Test
  void create_enablesControllersForChildren_andWritesLimits() throws IOException {
    Files.writeString(fake.resolve("cgroup.controllers"), "cpuset cpu io memory hugetlb pids rdma misc\n");
    CgroupV2Manager m = new CgroupV2Manager(fake);
    ContainerCgroup cg = m.create("c1", new CgroupLimits(64 << 20, 20, 50_000, 0, 1024));
    Path dir = fake.resolve("jcompose/c1");
    assertEquals(List.of(new CgroupDir(CgroupDir.UNIFIED, dir)), cg.dirs());
    assertEquals("+cpu +cpuset +memory +pids", Files.readString(fake.resolve("cgroup.subtree_control")));
    assertEquals("67108864", Files.readString(dir.resolve("memory.max")));
    assertEquals("20", Files.readString(dir.resolve("pids.max")));
    assertEquals("50000 100000", Files.readString(dir.resolve("cpu.max")));
    assertEquals("39", Files.readString(dir.resolve("cpu.weight")));
  }

  @Test
  void create_controllersAlreadyEnabled_writesNothingToSubtreeControl() throws IOException {
    Files.writeString(fake.resolve("cgroup.controllers"), "cpu memory pids\n");
    Files.writeString(fake.resolve("cgroup.subtree_control"), "cpu memory pids\n");
    new CgroupV2Manager(fake).create("c2", CgroupLimits.NONE);
    assertEquals("cpu memory pids\n", Files.readString(fake.resolve("cgroup.subtree_control")));
  }

  @Test
  void create_cpusetReservationAndSwap_asV2Files() throws IOException {
    Path dir = fake.resolve("jcompose/c5");
    Files.createDirectories(dir);
    for (String f : List.of("cpuset.cpus", "cpuset.mems", "memory.swap.max")) {
      Files.writeString(dir.resolve(f), "");
    }
    new CgroupV2Manager(fake).create("c5", new CgroupLimits(64 << 20, 0, 0, 0, 0, "0", "0", 16 << 20, 96 << 20, List.of()));
    assertEquals("0", Files.readString(dir.resolve("cpuset.cpus")));
    assertEquals("0", Files.readString(dir.resolve("cpuset.mems")));
    assertEquals("16777216", Files.readString(dir.resolve("memory.low")));
    assertEquals("33554432", Files.readString(dir.resolve("memory.swap.max")), "v2 limits swap alone: 96M - 64M");
  }

  @Test
  void create_cpusetWithoutTheController_saysWhatToEnable() {
    CgroupException e = assertThrows(CgroupException.class,
        () -> new CgroupV2Manager(fake).create("c6", new CgroupLimits(0, 0, 0, 0, 0, "0", "", 0, 0, List.of())));
    assertTrue(e.getMessage().contains("the cpuset controller is not enabled"), e.getMessage());
  }

  @Test
  void cpuWeight_convertsSharesAsRuncDoes() {
    assertEquals(1, CgroupV2Manager.cpuWeight(2));
    assertEquals(39, CgroupV2Manager.cpuWeight(1024));
    assertEquals(10_000, CgroupV2Manager.cpuWeight(262_144));
  }

  @Test
  void oomKills_readsMemoryEvents() throws IOException {
    CgroupV2Manager m = new CgroupV2Manager(fake);
    ContainerCgroup cg = m.locate("c3");
    Files.createDirectories(cg.dirs().get(0).path());
    Files.writeString(cg.dirs().get(0).path().resolve("memory.events"), "low 0\nhigh 0\nmax 5\noom 1\noom_kill 1\n");
    assertEquals(1, m.oomKills(cg));
  }

  @Test
  void remove_deletesDirAndEmptyParent() throws IOException {
    CgroupV2Manager m = new CgroupV2Manager(fake);
    ContainerCgroup cg = m.create("c4", CgroupLimits.NONE);
    CgroupV1ManagerTest.emptyAsTheKernelWould(cg);
    m.remove(cg);
    assertFalse(Files.exists(fake.resolve("jcompose/c4")));
    assertFalse(Files.exists(fake.resolve("jcompose")), "parent removed when unused");
    assertTrue(Files.isDirectory(fake), "the engine's own cgroup stays");
  }
}
