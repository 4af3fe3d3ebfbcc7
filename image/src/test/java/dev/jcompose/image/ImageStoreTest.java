package dev.jcompose.image;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jcompose.linux.HostCommand;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ImageStoreTest {

  @Test
  void importRootfs_unpacksTagsAndFinds(@TempDir Path tmp) throws Exception {
    Path rootfs = Files.createDirectories(tmp.resolve("rootfs/etc"));
    Files.writeString(rootfs.resolve("hostname"), "x\n");
    Path tar = tmp.resolve("r.tar");
    HostCommand.run(List.of("tar", "-cf", tar.toString(), "-C", tmp.resolve("rootfs").toString(), "."));
    ImageStore store = new ImageStore(tmp.resolve("state"));
    Image img;
    try (InputStream in = Files.newInputStream(tar)) {
      img = store.importRootfs(in, ImageReference.parse("demo:1"), null, "test");
    }
    assertTrue(img.id().matches("sha256:[0-9a-f]{64}"), img.id());
    assertEquals(List.of("demo:1"), img.repoTags());
    assertEquals("x\n", Files.readString(img.layerDirs().get(0).resolve("etc/hostname")));
    assertEquals(img.id(), store.require("docker.io/library/demo:1").id());
    assertEquals(img.id(), store.require(img.id().substring(7, 19)).id());
    assertEquals(1, store.list().size());
  }

  @Test
  void importRootfs_notATar_failsAndKeepsNothing(@TempDir Path tmp) throws Exception {
    ImageStore store = new ImageStore(tmp.resolve("state"));
    ImageException e = assertThrows(ImageException.class,
        () -> store.importRootfs(new ByteArrayInputStream("not a tar".getBytes()), ImageReference.parse("bad"), null, null));
    assertEquals(ImageException.Kind.INVALID, e.kind());
    assertTrue(store.list().isEmpty());
    try (var s = Files.list(tmp.resolve("state/images/layers"))) {
      assertEquals(0, s.count());
    }
  }

  @Test
  void require_unknown_saysHowToImport(@TempDir Path tmp) {
    ImageException e = assertThrows(ImageException.class, () -> new ImageStore(tmp).require("nginx"));
    assertTrue(e.getMessage().contains("jcompose image import"), e.getMessage());
  }
}
