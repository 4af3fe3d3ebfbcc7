package dev.jcompose.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

class MountSpecTest {
  @Test
  void bind_andTmpfs_factories() {
    assertEquals(new MountSpec(MountSpec.Kind.BIND, "/srv/data", "/data", true, List.of()), MountSpec.bind("/srv/data", "/data", true));
    assertEquals(new MountSpec(MountSpec.Kind.TMPFS, "tmpfs", "/run", false, List.of("size=1m")), MountSpec.tmpfs("/run", List.of("size=1m")));
  }

  @Test
  void relativeTarget_isRejected() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> MountSpec.bind("/a", "data", false));
    assertEquals("mount target \"data\" must be an absolute path in the container", e.getMessage());
  }

  @Test
  void relativeBindSource_isRejected() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> MountSpec.bind("data", "/data", false));
    assertEquals("bind mount source \"data\" must be an absolute host path", e.getMessage());
  }

  @Test
  void optionWithComma_isRejected() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> MountSpec.tmpfs("/run", List.of("size=1m,mode=1777")));
    assertEquals("mount option \"size=1m,mode=1777\" for /run must be one non-empty option without ','", e.getMessage());
  }
}
