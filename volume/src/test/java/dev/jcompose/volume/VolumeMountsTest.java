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
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class VolumeMountsTest {
  @TempDir
  Path tmp;
  RecordingHostMounts host;
  VolumeStore store;
  VolumeMounts mounts;
  Path device;
  Path data;

  @BeforeEach
  void setUp() throws Exception {
    host = new RecordingHostMounts();
    store = new VolumeStore(tmp.resolve("state"), host);
    mounts = new VolumeMounts(store, host);
    device = Files.createDirectories(tmp.resolve("host-dir"));
    data = store.create("bv", "local", Map.of("type", "none", "device", device.toString(), "o", "bind"), Map.of()).mountpoint();
  }

  @Test
  void sharedByItsContainers_mountedOnce_unmountedByTheLast() {
    mounts.acquire("bv", "c1");
    mounts.acquire("bv", "c2");
    assertEquals(1, host.mountCount(data));
    mounts.release("bv", "c1");
    assertTrue(host.isMountPoint(data), "c2 still uses it");
    mounts.release("bv", "c2");
    assertFalse(host.isMountPoint(data));
    assertEquals(List.of("mount -t none -o bind " + device + " _data", "umount _data"), host.calls());
  }

  @Test
  void plainVolume_isNeverMounted() {
    store.create("plain", null, Map.of());
    mounts.acquire("plain", "c1");
    mounts.release("plain", "c1");
    assertEquals(List.of(), host.calls());
  }

  @Test
  void releaseOfAnUnknownHolder_changesNothing() {
    mounts.acquire("bv", "c1");
    mounts.release("bv", "other");
    assertTrue(host.isMountPoint(data));
  }

  @Test
  void aMountLeftByAnEarlierEngine_isReused_notMountedTwice() {
    host.mount("none", device.toString(), data, "bind");
    mounts.restore(Map.of("bv", Set.of("c1")));
    mounts.acquire("bv", "c2");
    assertEquals(1, host.mountCount(data));
    mounts.release("bv", "c1");
    mounts.release("bv", "c2");
    assertFalse(host.isMountPoint(data));
  }

  @Test
  void restore_unmountsWhatNoRunningContainerHolds() {
    host.mount("none", device.toString(), data, "bind");
    mounts.restore(Map.of());
    assertFalse(host.isMountPoint(data));
  }

  @Test
  void acquire_deviceGoneSinceCreate_saysWhatToDo() throws Exception {
    Files.delete(device);
    VolumeException e = assertThrows(VolumeException.class, () -> mounts.acquire("bv", "c1"));
    assertEquals("mount volume bv: its device " + device + " does not exist on this host any more: create that directory, "
        + "or remove the volume and create it anew", e.getMessage());
    assertEquals(List.of(), mounts.holdersOf("bv"));
  }
}
