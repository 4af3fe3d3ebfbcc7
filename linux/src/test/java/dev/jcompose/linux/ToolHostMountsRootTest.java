package dev.jcompose.linux;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Real mounts on a private temp directory: a tmpfs and a bind, seen in mountinfo, then gone. */
@Tag("root")
class ToolHostMountsRootTest {
  private final HostMounts mounts = HostMounts.onHost();

  @Test
  void tmpfsAndBind_mountedOnce_unmountedWithoutTrace(@TempDir Path tmp) throws Exception {
    assumeTrue("root".equals(System.getProperty("user.name")), "needs root to mount");
    Path target = Files.createDirectories(tmp.resolve("t"));
    Path device = Files.createDirectories(tmp.resolve("device"));
    Files.writeString(device.resolve("f"), "x");
    try {
      assertFalse(mounts.isMountPoint(target));
      mounts.mount("tmpfs", "tmpfs", target, "size=1m,mode=0750");
      assertEquals(1, mounts.mountCount(target));
      assertEquals("rwxr-x---", java.nio.file.attribute.PosixFilePermissions.toString(Files.getPosixFilePermissions(target)));
      mounts.unmount(target);
      assertFalse(mounts.isMountPoint(target));

      mounts.mount("none", device.toString(), target, "bind");
      assertEquals("x", Files.readString(target.resolve("f")));
      mounts.unmount(target);
      assertFalse(mounts.isMountPoint(target));
      assertFalse(Files.exists(target.resolve("f")));
    } finally {
      while (mounts.isMountPoint(target)) {
        mounts.unmount(target);
      }
    }
  }

  @Test
  void mountOfAMissingDevice_namesTheCommand(@TempDir Path tmp) throws Exception {
    assumeTrue("root".equals(System.getProperty("user.name")), "needs root to mount");
    Path target = Files.createDirectories(tmp.resolve("t"));
    HostCommandException e = assertThrows(HostCommandException.class,
        () -> mounts.mount("none", tmp.resolve("nope").toString(), target, "bind"));
    assertTrue(e.getMessage().startsWith("`mount -t none -o bind -- " + tmp.resolve("nope") + " " + target + "` failed"), e.getMessage());
    assertFalse(mounts.isMountPoint(target));
  }
}
