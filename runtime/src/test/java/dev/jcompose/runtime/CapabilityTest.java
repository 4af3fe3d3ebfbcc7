package dev.jcompose.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class CapabilityTest {
  @Test
  void dockerDefaults_areCapEffA80425fb() {
    assertEquals(14, Capability.DOCKER_DEFAULTS.size());
    assertEquals(0xa80425fbL, Capability.mask(Capability.DOCKER_DEFAULTS));
  }

  @Test
  void ordinals_areKernelNumbers() {
    assertEquals(21, Capability.SYS_ADMIN.ordinal());
    assertEquals(27, Capability.MKNOD.ordinal());
    assertEquals(40, Capability.CHECKPOINT_RESTORE.ordinal());
    assertEquals(1L << 12, Capability.mask(List.of(Capability.NET_ADMIN)));
  }
}
