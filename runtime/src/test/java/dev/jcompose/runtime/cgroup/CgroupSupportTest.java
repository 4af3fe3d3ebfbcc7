package dev.jcompose.runtime.cgroup;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jcompose.linux.proc.CgroupMembership;
import dev.jcompose.linux.proc.MountInfo;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class CgroupSupportTest {

  @Test
  void hybridHost_withAnAlmostEmptyUnifiedMount_isV1() {
    CgroupManager m = CgroupSupport.detect(MountInfo.parse(CgroupV1ManagerTest.MOUNTINFO),
        CgroupMembership.parse(CgroupV1ManagerTest.PROC_SELF_CGROUP), p -> "hugetlb\n");
    assertInstanceOf(CgroupV1Manager.class, m);
    assertTrue(m.describe().startsWith("cgroup v1 (pids at /sys/fs/cgroup/pids"), m.describe());
  }

  @Test
  void unifiedHost_withMemory_isV2() {
    CgroupManager m = CgroupSupport.detect(
        MountInfo.parse("30 23 0:26 / /sys/fs/cgroup rw - cgroup2 cgroup2 rw\n"),
        CgroupMembership.parse("0::/init.scope\n"),
        p -> p.equals(Path.of("/sys/fs/cgroup/cgroup.controllers")) ? "cpuset cpu io memory pids\n" : "");
    assertInstanceOf(CgroupV2Manager.class, m);
    assertEquals("cgroup v2 at /sys/fs/cgroup/init.scope", m.describe());
  }

  @Test
  void unifiedHost_withoutMemory_saysWhatIsMissing() {
    CgroupException e = assertThrows(CgroupException.class, () -> CgroupSupport.detect(
        MountInfo.parse("30 23 0:26 / /sys/fs/cgroup rw - cgroup2 cgroup2 rw\n"),
        CgroupMembership.parse("0::/\n"), p -> "cpu pids\n"));
    assertTrue(e.getMessage().startsWith("/sys/fs/cgroup is cgroup v2 but offers no memory controller"), e.getMessage());
  }

  @Test
  void noCgroupsAtAll_saysWhatToMount() {
    CgroupException e = assertThrows(CgroupException.class, () -> CgroupSupport.detect(
        MountInfo.parse("23 1 254:0 / / rw - ext4 /dev/vda rw\n"), CgroupMembership.parse("0::/\n"), p -> ""));
    assertTrue(e.getMessage().startsWith("no usable cgroup hierarchy"), e.getMessage());
  }

  @Test
  void detect_onThisHost_findsAManager() {
    org.junit.jupiter.api.Assumptions.assumeTrue(java.nio.file.Files.isDirectory(Path.of("/sys/fs/cgroup")), "no /sys/fs/cgroup here");
    assertTrue(CgroupSupport.detect().describe().startsWith("cgroup v"));
  }
}
