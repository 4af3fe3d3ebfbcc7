package dev.jcompose.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.jcompose.runtime.cgroup.CgroupLimits;
import org.junit.jupiter.api.Test;

class ResourcesTest {
  @Test
  void withers_andConversionToCgroupLimits() {
    Resources r = Resources.NONE.withMemoryBytes(1 << 20).withPidsLimit(7).withCpuQuota(50_000, 100_000).withCpuShares(512);
    assertEquals(new CgroupLimits(1 << 20, 7, 50_000, 100_000, 512), r.toCgroupLimits());
  }

  @Test
  void negative_isRejected() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Resources.NONE.withPidsLimit(-2));
    assertEquals("pidsLimit is -2; use a positive value, or 0 for no limit", e.getMessage());
  }
}
