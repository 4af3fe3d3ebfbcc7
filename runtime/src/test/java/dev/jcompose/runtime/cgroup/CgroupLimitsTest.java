package dev.jcompose.runtime.cgroup;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class CgroupLimitsTest {
  @Test
  void negativeValue_isRejectedWithTheFieldName() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new CgroupLimits(-1, 0, 0, 0, 0));
    assertEquals("memoryBytes is -1; use a positive value, or 0 for no limit", e.getMessage());
  }
}
