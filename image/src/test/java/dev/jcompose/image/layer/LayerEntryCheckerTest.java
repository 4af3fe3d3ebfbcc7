package dev.jcompose.image.layer;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jcompose.linux.tar.OverlayWhiteouts;
import java.util.List;
import org.junit.jupiter.api.Test;

class LayerEntryCheckerTest {
  private static TarHeader file(String name) {
    return new TarHeader(name, TarHeader.FILE, "", 0644, 0, 0, 1);
  }

  private static TarHeader symlink(String name, String target) {
    return new TarHeader(name, TarHeader.SYMLINK, target, 0777, 0, 0, 0);
  }

  private static HostileLayerException refused(LayerEntryChecker c, TarHeader h) {
    return assertThrows(HostileLayerException.class, () -> c.check(h));
  }

  @Test
  void testCheck_dotDotPath_refusedNamingEntry() {
    HostileLayerException e = refused(new LayerEntryChecker(), file("etc/../../evil"));
    assertEquals("etc/../../evil", e.entry());
    assertTrue(e.getMessage().contains("refusing layer entry \"etc/../../evil\": its path contains \"..\""), e.getMessage());
  }

  @Test
  void testCheck_absolutePath_refused() {
    assertTrue(refused(new LayerEntryChecker(), file("/etc/passwd")).getMessage().contains("is absolute"));
  }

  @Test
  void testCheck_writeThroughSymlink_refused() {
    LayerEntryChecker c = new LayerEntryChecker();
    c.check(symlink("etc", "/etc"));
    HostileLayerException e = refused(c, file("etc/passwd"));
    assertTrue(e.getMessage().contains("goes through the symbolic link \"etc\" (-> /etc)"), e.getMessage());
  }

  @Test
  void testCheck_hardlinkOutside_refused() {
    LayerEntryChecker c = new LayerEntryChecker();
    assertTrue(refused(c, new TarHeader("x", TarHeader.HARD_LINK, "../../etc/shadow", 0644, 0, 0, 0)).getMessage()
        .contains("hard link target \"../../etc/shadow\" contains \"..\""));
    assertTrue(refused(c, new TarHeader("y", TarHeader.HARD_LINK, "/etc/shadow", 0644, 0, 0, 0)).getMessage().contains("is absolute"));
    c.check(symlink("l", "/"));
    assertTrue(refused(c, new TarHeader("z", TarHeader.HARD_LINK, "l/etc/shadow", 0644, 0, 0, 0)).getMessage()
        .contains("goes through the symbolic link \"l\""));
  }

  @Test
  void testCheck_ordinaryLayer_passesAndCollectsWhiteouts() {
    LayerEntryChecker c = new LayerEntryChecker();
    assertDoesNotThrow(() -> {
      c.check(new TarHeader("/", TarHeader.DIRECTORY, "", 0755, 0, 0, 0));
      c.check(new TarHeader("./", TarHeader.DIRECTORY, "", 0755, 0, 0, 0));
      c.check(symlink("./bin/sh", "/bin/busybox"));
      c.check(symlink("lib64", "../../../lib")); // a symlink may point anywhere; only writing through it is refused
      c.check(new TarHeader("./usr/", TarHeader.DIRECTORY, "", 0700, 5, 6, 0));
      c.check(file("./usr/.wh..wh..opq"));
      c.check(file("./etc/.wh.motd"));
      c.check(file(".wh.tmp"));
      c.check(new TarHeader("bin/ls", TarHeader.HARD_LINK, "bin/busybox", 0755, 0, 0, 0));
    });
    assertEquals(List.of("etc/motd", "tmp"), c.deleted());
    assertEquals(List.of(new OverlayWhiteouts.OpaqueDir("usr", 0700, 5, 6)), c.opaqueDirs());
  }

  @Test
  void testCheck_symlinkReplacedByDirectory_allowsWritesBelow() {
    LayerEntryChecker c = new LayerEntryChecker();
    c.check(symlink("d", "/etc"));
    c.check(new TarHeader("d/", TarHeader.DIRECTORY, "", 0755, 0, 0, 0));
    assertDoesNotThrow(() -> c.check(file("d/x")));
  }

  @Test
  void testCheck_whiteoutOfDotDot_refused() {
    assertTrue(refused(new LayerEntryChecker(), file("etc/.wh...")).getMessage()
        .contains("a whiteout must name a file or directory, not \"..\""));
  }
}
