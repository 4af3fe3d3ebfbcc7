package dev.jcompose.volume;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jcompose.linux.RecordingHostMounts;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class VolumeStoreTest {

  @Test
  void create_makesDataDirAndKeepsLabels(@TempDir Path root) {
    VolumeStore store = new VolumeStore(root);
    VolumeInfo v = store.create("proj_site", "local", Map.of("com.docker.compose.project", "proj"));
    assertTrue(Files.isDirectory(v.mountpoint()));
    assertEquals(root.resolve("volumes/proj_site/_data"), v.mountpoint());
    assertEquals("proj", store.get("proj_site").labels().get("com.docker.compose.project"));
    assertTrue(store.isEmpty("proj_site"));
  }

  @Test
  void create_twice_returnsExistingAndKeepsData(@TempDir Path root) throws Exception {
    VolumeStore store = new VolumeStore(root);
    VolumeInfo v = store.create("data", null, Map.of());
    Files.writeString(v.mountpoint().resolve("keep"), "x");
    store.create("data", null, Map.of("new", "label"));
    assertEquals("x", Files.readString(v.mountpoint().resolve("keep")));
    assertFalse(store.isEmpty("data"));
  }

  @Test
  void create_invalidName_saysWhatIsAllowed(@TempDir Path root) {
    VolumeException e = assertThrows(VolumeException.class, () -> new VolumeStore(root).create("../etc", null, Map.of()));
    assertEquals(VolumeException.Kind.INVALID, e.kind());
    assertTrue(e.getMessage().contains("[a-zA-Z0-9][a-zA-Z0-9_.-]"), e.getMessage());
  }

  @Test
  void remove_deletesDataAndUnlists(@TempDir Path root) throws Exception {
    VolumeStore store = new VolumeStore(root);
    VolumeInfo v = store.create("a1", null, Map.of());
    Files.createDirectories(v.mountpoint().resolve("d/e"));
    store.create("b2", null, Map.of());
    store.remove("a1");
    assertFalse(Files.exists(root.resolve("volumes/a1")));
    assertEquals(List.of("b2"), store.list().stream().map(VolumeInfo::name).toList());
    VolumeException e = assertThrows(VolumeException.class, () -> store.remove("a1"));
    assertEquals(VolumeException.Kind.NOT_FOUND, e.kind());
  }

  @Test
  void create_withDriverOptions_keepsThem(@TempDir Path root) throws Exception {
    Path device = Files.createDirectories(root.resolve("host-dir"));
    VolumeStore store = new VolumeStore(root.resolve("state"), new RecordingHostMounts());
    store.create("bv", "local", Map.of("type", "none", "device", device.toString(), "o", "bind"), Map.of());
    assertEquals(Map.of("type", "none", "device", device.toString(), "o", "bind"), store.get("bv").options().asMap());
    assertFalse(store.create("plain", null, Map.of()).options().mounts());
  }

  @Test
  void create_withBadDriverOptions_createsNothing(@TempDir Path root) {
    VolumeStore store = new VolumeStore(root, new RecordingHostMounts());
    VolumeException e = assertThrows(VolumeException.class,
        () -> store.create("bad", "local", Map.of("type", "none", "device", root.resolve("nope").toString(), "o", "bind"), Map.of()));
    assertTrue(e.getMessage().startsWith("create volume bad: the device to bind"), e.getMessage());
    assertTrue(store.find("bad").isEmpty());
  }

  @Test
  void remove_unmountsFirst_andKeepsTheDevicesData(@TempDir Path root) throws Exception {
    Path device = Files.createDirectories(root.resolve("host-dir"));
    RecordingHostMounts mounts = new RecordingHostMounts();
    VolumeStore store = new VolumeStore(root.resolve("state"), mounts);
    VolumeInfo v = store.create("bv", "local", Map.of("type", "none", "device", device.toString(), "o", "bind"), Map.of());
    mounts.mount("none", device.toString(), v.mountpoint(), "bind");
    store.remove("bv");
    assertEquals(List.of("mount -t none -o bind " + device + " _data", "umount _data"), mounts.calls());
    assertTrue(store.find("bv").isEmpty());
  }

  @Test
  void remove_refusesToDeleteWhatStaysMounted(@TempDir Path root) throws Exception {
    RecordingHostMounts mounts = new RecordingHostMounts();
    VolumeStore store = new VolumeStore(root, mounts);
    VolumeInfo v = store.create("bv", "local", Map.of("type", "tmpfs", "device", "tmpfs"), Map.of());
    Files.writeString(v.mountpoint().resolve("precious"), "x");
    mounts.mount("tmpfs", "tmpfs", v.mountpoint(), "");
    mounts.setStuck(true);
    VolumeException e = assertThrows(VolumeException.class, () -> store.remove("bv"));
    assertTrue(e.getMessage().startsWith("volume bv is still mounted at " + v.mountpoint()), e.getMessage());
    assertTrue(Files.exists(v.mountpoint().resolve("precious")), "nothing below a mount point is deleted");
    assertTrue(store.find("bv").isPresent());
  }

  @Test
  void copyUp_markedThenFinished_keepsContent(@TempDir Path root) throws Exception {
    VolumeStore store = new VolumeStore(root);
    VolumeInfo v = store.create("data", null, Map.of());
    store.beginCopyUp("data");
    assertTrue(store.copyUpInterrupted("data"));
    Files.writeString(v.mountpoint().resolve("a"), "a");
    store.endCopyUp("data");
    assertFalse(store.copyUpInterrupted("data"));
    assertFalse(store.discardInterruptedCopyUp("data"));
    assertTrue(Files.exists(v.mountpoint().resolve("a")));
  }

  @Test
  void copyUp_interrupted_isDiscardedWhole(@TempDir Path root) throws Exception {
    VolumeStore store = new VolumeStore(root);
    VolumeInfo v = store.create("data", null, Map.of());
    store.beginCopyUp("data");
    Files.createDirectories(v.mountpoint().resolve("sub/deeper"));
    Files.writeString(v.mountpoint().resolve("sub/deeper/f"), "partial");
    Files.createSymbolicLink(v.mountpoint().resolve("link"), root);
    assertTrue(store.discardInterruptedCopyUp("data"));
    assertTrue(store.isEmpty("data"), "the partial copy is gone");
    assertTrue(Files.isDirectory(root.resolve("volumes")), "a link is removed, not followed");
    assertFalse(store.copyUpInterrupted("data"));
  }
}
