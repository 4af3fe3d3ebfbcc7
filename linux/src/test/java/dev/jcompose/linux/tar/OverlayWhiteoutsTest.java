package dev.jcompose.linux.tar;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.jcompose.linux.FileTrees;
import dev.jcompose.linux.HostCommand;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** Proves with a real overlay mount that the whiteouts hide lower files and directory contents. */
@Tag("root")
class OverlayWhiteoutsTest {

  @Test
  void whiteoutsAndOpaqueDirs_hideLowerContentUnderOverlayfs() throws Exception {
    assumeTrue(LayerTar.isRoot(), "needs root to make device nodes, trusted.* xattrs and an overlay mount");
    // overlayfs cannot stack on an overlay /tmp; /dev/shm is a tmpfs
    Path tmp = Files.createTempDirectory(Path.of("/dev/shm"), "jc-whiteouts-");
    Path merged = tmp.resolve("merged");
    try {
      Path lower = Files.createDirectories(tmp.resolve("lower/etc/conf.d"));
      Files.writeString(tmp.resolve("lower/etc/gone"), "x");
      Files.writeString(tmp.resolve("lower/etc/kept"), "x");
      Files.writeString(lower.resolve("old"), "x");
      Path upper = Files.createDirectories(tmp.resolve("upper/etc/conf.d"));
      Files.writeString(upper.resolve("new"), "x");
      Files.createDirectories(tmp.resolve("work"));
      Files.createDirectories(merged);

      OverlayWhiteouts.apply(tmp.resolve("upper"), List.of("etc/gone"),
          List.of(new OverlayWhiteouts.OpaqueDir("etc/conf.d", 0755, 0, 0)));

      HostCommand.run(List.of("mount", "-t", "overlay", "overlay", "-o", "lowerdir=" + tmp.resolve("lower") + ",upperdir="
          + tmp.resolve("upper") + ",workdir=" + tmp.resolve("work"), merged.toString()));
      try {
        assertFalse(Files.exists(merged.resolve("etc/gone")));
        assertTrue(Files.exists(merged.resolve("etc/kept")));
        assertFalse(Files.exists(merged.resolve("etc/conf.d/old")));
        assertTrue(Files.exists(merged.resolve("etc/conf.d/new")));
      } finally {
        HostCommand.run(List.of("umount", merged.toString()));
      }
      assertEquals("0755", HostCommand.run(List.of("stat", "-c", "%04a", tmp.resolve("upper/etc/conf.d").toString())).stdout().strip());
    } finally {
      FileTrees.deleteTree(tmp);
    }
  }
}
