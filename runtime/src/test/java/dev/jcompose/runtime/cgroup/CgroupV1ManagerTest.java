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
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CgroupV1ManagerTest {
  /** This build machine: memory in a sub-cgroup, everything else at the root, cpu and cpuacct apart. */
  static final String MOUNTINFO = """
      31 23 0:28 / /sys/fs/cgroup rw,relatime - tmpfs tmpfs rw,mode=755
      32 31 0:29 / /sys/fs/cgroup/cpu rw,relatime - cgroup cgroup rw,cpu
      33 31 0:30 / /sys/fs/cgroup/cpuacct rw,relatime - cgroup cgroup rw,cpuacct
      34 31 0:31 / /sys/fs/cgroup/cpuset rw,relatime - cgroup cgroup rw,cpuset
      35 31 0:32 / /sys/fs/cgroup/memory rw,relatime - cgroup cgroup rw,memory
      36 31 0:33 / /sys/fs/cgroup/devices rw,relatime - cgroup cgroup rw,devices
      37 31 0:34 / /sys/fs/cgroup/freezer rw,relatime - cgroup cgroup rw,freezer
      38 31 0:35 / /sys/fs/cgroup/blkio rw,relatime - cgroup cgroup rw,blkio
      39 31 0:36 / /sys/fs/cgroup/pids rw,relatime - cgroup cgroup rw,pids
      40 31 0:37 / /sys/fs/cgroup/systemd rw,relatime - cgroup cgroup rw,name=systemd
      41 31 0:38 / /sys/fs/cgroup/unified rw,relatime - cgroup2 cgroup2 rw
      """;
  static final String PROC_SELF_CGROUP = """
      9:name=systemd:/
      8:pids:/
      7:blkio:/
      6:freezer:/
      5:devices:/
      4:memory:/process_api/20f71274d9caa3d6c31790f7aa45c32f
      3:cpuset:/
      2:cpuacct:/
      1:cpu:/
      0::/
      """;

  @TempDir Path fake;

  @Test
  void locate_putsTheContainerBelowTheEnginesOwnCgroup_perHierarchy() {
    CgroupV1Manager m = CgroupV1Manager.forProcess(MountInfo.parse(MOUNTINFO), CgroupMembership.parse(PROC_SELF_CGROUP));
    ContainerCgroup cg = m.locate("web-1");
    assertEquals(List.of(
        new CgroupDir("pids", Path.of("/sys/fs/cgroup/pids/jcompose/web-1")),
        new CgroupDir("blkio", Path.of("/sys/fs/cgroup/blkio/jcompose/web-1")),
        new CgroupDir("freezer", Path.of("/sys/fs/cgroup/freezer/jcompose/web-1")),
        new CgroupDir("devices", Path.of("/sys/fs/cgroup/devices/jcompose/web-1")),
        new CgroupDir("memory", Path.of("/sys/fs/cgroup/memory/process_api/20f71274d9caa3d6c31790f7aa45c32f/jcompose/web-1")),
        new CgroupDir("cpuset", Path.of("/sys/fs/cgroup/cpuset/jcompose/web-1")),
        new CgroupDir("cpuacct", Path.of("/sys/fs/cgroup/cpuacct/jcompose/web-1")),
        new CgroupDir("cpu", Path.of("/sys/fs/cgroup/cpu/jcompose/web-1"))), cg.dirs());
  }

  @Test
  void locate_combinedCpuHierarchy_andMountFromASubdirectory() {
    String mountinfo = """
        50 31 0:40 /docker/abc /sys/fs/cgroup/cpu,cpuacct rw - cgroup cgroup rw,cpu,cpuacct
        51 31 0:41 /docker/abc /sys/fs/cgroup/memory rw - cgroup cgroup rw,memory
        """;
    String self = """
        3:cpu,cpuacct:/docker/abc/engine
        2:memory:/docker/abc
        """;
    ContainerCgroup cg = CgroupV1Manager.forProcess(MountInfo.parse(mountinfo), CgroupMembership.parse(self)).locate("x");
    assertEquals(List.of(
        new CgroupDir("cpu,cpuacct", Path.of("/sys/fs/cgroup/cpu,cpuacct/engine/jcompose/x")),
        new CgroupDir("memory", Path.of("/sys/fs/cgroup/memory/jcompose/x"))), cg.dirs());
    assertEquals(Path.of("/sys/fs/cgroup/cpu,cpuacct/engine/jcompose/x"), cg.dirFor("cpuacct").orElseThrow());
  }

  @Test
  void locate_rejectsIdsThatAreNotOnePathComponent() {
    CgroupV1Manager m = manager();
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> m.locate("../etc"));
    assertTrue(e.getMessage().contains("cannot name a cgroup"), e.getMessage());
  }

  @Test
  void create_writesLimitsAndDeviceRules() throws IOException {
    ContainerCgroup cg = manager().create("c1", new CgroupLimits(32 << 20, 10, 50_000, 100_000, 512));
    assertEquals("33554432", read(fake.resolve("memory/own/jcompose/c1/memory.limit_in_bytes")));
    assertEquals("10", read(fake.resolve("pids/jcompose/c1/pids.max")));
    assertEquals("100000", read(fake.resolve("cpu,cpuacct/jcompose/c1/cpu.cfs_period_us")));
    assertEquals("50000", read(fake.resolve("cpu,cpuacct/jcompose/c1/cpu.cfs_quota_us")));
    assertEquals("512", read(fake.resolve("cpu,cpuacct/jcompose/c1/cpu.shares")));
    assertEquals("a", read(fake.resolve("devices/jcompose/c1/devices.deny")));
    // cgroupfs appends each rule; a plain file keeps the last one written
    assertEquals(CgroupV1Manager.DEVICE_RULES.get(CgroupV1Manager.DEVICE_RULES.size() - 1),
        read(fake.resolve("devices/jcompose/c1/devices.allow")));
    assertEquals(4, cg.dirs().size());
  }

  /** A cpuset hierarchy as the kernel makes a new cgroup in it: empty cpuset.cpus and cpuset.mems. */
  private CgroupV1Manager withCpuset() throws IOException {
    Path own = fake.resolve("cpuset");
    Files.createDirectories(own);
    Files.writeString(own.resolve("cpuset.cpus"), "0-1\n");
    Files.writeString(own.resolve("cpuset.mems"), "0\n");
    for (String dir : List.of("jcompose", "jcompose/c7", "jcompose/c8")) {
      Files.createDirectories(own.resolve(dir));
      Files.writeString(own.resolve(dir).resolve("cpuset.cpus"), "");
      Files.writeString(own.resolve(dir).resolve("cpuset.mems"), "");
    }
    Files.createDirectories(fake.resolve("memory/own"));
    Files.writeString(fake.resolve("memory/own/" + CgroupV1Manager.SWAP_LIMIT_FILE), "9223372036854771712\n");
    return new CgroupV1Manager(List.of(new CgroupHierarchy("memory", fake.resolve("memory/own")),
        new CgroupHierarchy("cpuset", own)));
  }

  @Test
  void create_cpusetAndMemoryReservationAndSwap() throws IOException {
    CgroupV1Manager m = withCpuset();
    m.create("c7", new CgroupLimits(64 << 20, 0, 0, 0, 0, "1", "", 32 << 20, 128 << 20, List.of()));
    assertEquals("0-1", read(fake.resolve("cpuset/jcompose/cpuset.cpus")), "the parent inherits the engine's cpus");
    assertEquals("0", read(fake.resolve("cpuset/jcompose/cpuset.mems")));
    assertEquals("1", read(fake.resolve("cpuset/jcompose/c7/cpuset.cpus")));
    assertEquals("0", read(fake.resolve("cpuset/jcompose/c7/cpuset.mems")), "mems inherited when not asked for");
    assertEquals("33554432", read(fake.resolve("memory/own/jcompose/c7/memory.soft_limit_in_bytes")));
    assertEquals("134217728", read(fake.resolve("memory/own/jcompose/c7/memory.memsw.limit_in_bytes")));
    assertTrue(m.supportsSwapLimit());
  }

  @Test
  void create_noCpusetAsked_inheritsTheParents() throws IOException {
    withCpuset().create("c8", CgroupLimits.NONE);
    assertEquals("0-1", read(fake.resolve("cpuset/jcompose/c8/cpuset.cpus")));
    assertEquals("0", read(fake.resolve("cpuset/jcompose/c8/cpuset.mems")));
  }

  @Test
  void supportsSwapLimit_withoutMemsw_isFalse_andSwapIsLeftOut() throws IOException {
    CgroupV1Manager m = manager();
    assertFalse(m.supportsSwapLimit());
    m.create("c9", new CgroupLimits(64 << 20, 0, 0, 0, 0, "", "", 0, -1, List.of()));
    assertFalse(Files.exists(fake.resolve("memory/own/jcompose/c9/memory.memsw.limit_in_bytes")));
  }

  @Test
  void create_extraDeviceRules_afterTheDefaults() throws IOException {
    manager().create("c10", new CgroupLimits(0, 0, 0, 0, 0, "", "", 0, 0, List.of("c 10:229 rwm")));
    assertEquals("c 10:229 rwm", read(fake.resolve("devices/jcompose/c10/devices.allow")));
  }

  @Test
  void limits_rejectMalformedCpusetsAndDeviceRules() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> new CgroupLimits(0, 0, 0, 0, 0, "0-a", "", 0, 0, List.of()));
    assertEquals("cpusetCpus \"0-a\" is not a list of numbers and ranges such as 0-2,4", e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> new CgroupLimits(0, 0, 0, 0, 0, "", "", 0, 0, List.of("x 1:2 rwm")));
    assertThrows(IllegalArgumentException.class, () -> new CgroupLimits(0, 0, 0, 0, 0, "", "", 0, -2, List.of()));
  }

  @Test
  void create_noLimits_writesNoLimitFiles() {
    manager().create("c2", CgroupLimits.NONE);
    assertTrue(Files.isDirectory(fake.resolve("memory/own/jcompose/c2")));
    assertFalse(Files.exists(fake.resolve("memory/own/jcompose/c2/memory.limit_in_bytes")));
  }

  @Test
  void create_limitForAMissingController_saysSo() {
    CgroupV1Manager m = new CgroupV1Manager(List.of(new CgroupHierarchy("memory", fake.resolve("memory"))));
    CgroupException e = assertThrows(CgroupException.class, () -> m.create("c3", new CgroupLimits(0, 5, 0, 0, 0)));
    assertEquals("a pids limit was asked for, but this host has no pids cgroup controller mounted", e.getMessage());
    assertFalse(Files.exists(fake.resolve("memory/jcompose/c3")), "a failed create removes what it made");
  }

  @Test
  void attach_writesThePidToEveryHierarchy() throws IOException {
    CgroupV1Manager m = manager();
    ContainerCgroup cg = m.create("c4", CgroupLimits.NONE);
    m.attach(cg, 4242);
    for (CgroupDir d : cg.dirs()) {
      assertEquals("4242", read(d.path().resolve("cgroup.procs")));
    }
  }

  @Test
  void oomKills_readsTheCounterFromMemoryOomControl() throws IOException {
    CgroupV1Manager m = manager();
    ContainerCgroup cg = m.create("c5", CgroupLimits.NONE);
    assertEquals(0, m.oomKills(cg));
    Files.writeString(cg.dirFor("memory").orElseThrow().resolve("memory.oom_control"),
        "oom_kill_disable 0\nunder_oom 0\noom_kill 2\n");
    assertEquals(2, m.oomKills(cg));
  }

  @Test
  void remove_deletesTheDirsAndTheEmptyParent_andIsIdempotent() throws IOException {
    CgroupV1Manager m = manager();
    ContainerCgroup keep = m.create("other", CgroupLimits.NONE);
    ContainerCgroup cg = m.create("c6", CgroupLimits.NONE);
    emptyAsTheKernelWould(cg);
    m.remove(cg);
    m.remove(cg);
    for (CgroupDir d : cg.dirs()) {
      assertFalse(Files.exists(d.path()), d.path() + " removed");
      assertTrue(Files.exists(d.path().getParent()), "jcompose is still used by another container");
    }
    emptyAsTheKernelWould(keep);
    m.remove(keep);
    for (CgroupDir d : keep.dirs()) {
      assertFalse(Files.exists(d.path().getParent()), "the unused jcompose parent is removed");
    }
  }

  private CgroupV1Manager manager() {
    return new CgroupV1Manager(List.of(
        new CgroupHierarchy("memory", fake.resolve("memory/own")),
        new CgroupHierarchy("pids", fake.resolve("pids")),
        new CgroupHierarchy("cpu,cpuacct", fake.resolve("cpu,cpuacct")),
        new CgroupHierarchy("devices", fake.resolve("devices"))));
  }

  /** cgroupfs control files vanish with their directory; a plain directory needs them deleted first. */
  static void emptyAsTheKernelWould(ContainerCgroup cg) throws IOException {
    for (CgroupDir d : cg.dirs()) {
      try (Stream<Path> files = Files.list(d.path())) {
        for (Path f : files.toList()) {
          Files.delete(f);
        }
      }
    }
  }

  private static String read(Path p) throws IOException {
    return Files.readString(p);
  }
}
