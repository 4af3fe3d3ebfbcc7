package dev.jcompose.volume;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
}
