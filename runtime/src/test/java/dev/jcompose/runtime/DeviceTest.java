package dev.jcompose.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class DeviceTest {
  @Test
  void parse_dockersSyntax() {
    assertEquals(new Device("/dev/fuse", "/dev/fuse", "rwm"), Device.parse("/dev/fuse"));
    assertEquals(new Device("/dev/null", "/dev/mynull", "rwm"), Device.parse("/dev/null:/dev/mynull"));
    assertEquals(new Device("/dev/sda", "/dev/sda", "r"), Device.parse("/dev/sda:r"));
    assertEquals(new Device("/dev/null", "/dev/x", "rw"), Device.parse("/dev/null:/dev/x:rw"));
  }

  @Test
  void invalid_saysWhy() {
    assertEquals("device \"/dev/null\": invalid permissions \"rwx\": use a combination of r (read), w (write) and m (mknod), e.g. rwm",
        assertThrows(IllegalArgumentException.class, () -> Device.parse("/dev/null:/dev/x:rwx")).getMessage());
    assertEquals("device \"/dev/null\": the path in the container, \"/etc/passwd\", must be below /dev (e.g. /dev/null:/dev/mydevice)",
        assertThrows(IllegalArgumentException.class, () -> Device.parse("/dev/null:/etc/passwd")).getMessage());
    assertThrows(IllegalArgumentException.class, () -> Device.parse("/dev/null:/dev/../etc/x"));
    assertThrows(IllegalArgumentException.class, () -> Device.parse("dev/null"));
  }

  @Test
  void resolve_readsTheHostNode_andMakesTheRuleAndHelperLine() {
    DeviceNode n = DeviceNode.resolve(Device.parse("/dev/null:/dev/mynull:rw"));
    assertEquals("c 1:3 rw", n.cgroupRule());
    assertEquals("c\t1\t3\t666\t0\t0\t/dev/mynull", n.helperLine());
  }

  @Test
  void majorMinor_asGlibc() {
    long rdev = (10L << 8) | 229; // 10:229
    assertEquals(10, DeviceNode.major(rdev));
    assertEquals(229, DeviceNode.minor(rdev));
    long big = ((259L & 0xfff) << 8) | ((259L & ~0xfffL) << 32) | (0x12345L & 0xff) | ((0x12345L & ~0xffL) << 12);
    assertEquals(259, DeviceNode.major(big));
    assertEquals(0x12345, DeviceNode.minor(big));
  }
}
