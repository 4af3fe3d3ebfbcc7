package dev.jcompose.image;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jcompose.image.layer.LayerCompression;
import dev.jcompose.linux.HostCommand;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ImageStoreRemovalTest {

  static Image importImage(ImageStore store, Path tmp, String name, String content) throws Exception {
    Path rootfs = Files.createDirectories(tmp.resolve("rootfs-" + content + "/etc"));
    Files.writeString(rootfs.resolve("hostname"), content + "\n");
    Path tar = tmp.resolve(content + ".tar");
    HostCommand.run(List.of("tar", "-cf", tar.toString(), "-C", rootfs.getParent().toString(), "."));
    try (InputStream in = Files.newInputStream(tar)) {
      return store.importRootfs(in, ImageReference.parse(name), null, null);
    }
  }

  @Test
  void untagAndDelete_removeNamesConfigAndUnusedLayers(@TempDir Path tmp) throws Exception {
    ImageStore store = new ImageStore(tmp.resolve("state"));
    Image a = importImage(store, tmp, "a:1", "a");
    store.tag(a.id(), ImageReference.parse("a:2"));
    Image b = importImage(store, tmp, "b:1", "b");
    assertEquals(2, store.list().size());

    assertTrue(store.untag(ImageReference.parse("a:2")));
    assertFalse(store.untag(ImageReference.parse("a:2")));
    assertEquals(List.of("a:1"), store.require(a.id()).repoTags());

    Digest layer = Digest.parse(a.config().rootfs().diffIds().get(0));
    ImageStore.Removal r = store.delete(a.id());
    assertTrue(r.deleted().contains(a.id()), r.toString());
    assertTrue(r.deleted().contains(layer.toString()), r.toString());
    assertTrue(r.reclaimed() > 0);
    assertFalse(store.find("a:1").isPresent());
    assertFalse(store.hasLayer(layer));
    assertTrue(store.layerBlobs(layer).isEmpty());
    assertTrue(store.find("b:1").isPresent(), "the other image keeps its layer");
    assertTrue(store.hasLayer(Digest.parse(b.config().rootfs().diffIds().get(0))));
  }

  @Test
  void lastTagRemoved_imageIsDangling(@TempDir Path tmp) throws Exception {
    ImageStore store = new ImageStore(tmp.resolve("state"));
    Image a = importImage(store, tmp, "a:1", "a");
    store.untag(ImageReference.parse("a:1"));
    assertTrue(store.list().isEmpty());
    assertEquals(1, store.listAll().size());
    assertTrue(store.listAll().get(0).repoTags().isEmpty());
    assertEquals(a.id(), store.listAll().get(0).id());
  }

  @Test
  void compressedLayerBlob_gzipsTheUncompressedTarOnce_andItUncompressesToTheDiffId(@TempDir Path tmp) throws Exception {
    ImageStore store = new ImageStore(tmp.resolve("state"));
    Image a = importImage(store, tmp, "a:1", "a");
    Digest diffId = Digest.parse(a.config().rootfs().diffIds().get(0));
    assertEquals(List.of(LayerCompression.NONE), store.layerBlobs(diffId).stream().map(LayerBlob::compression).toList());

    LayerBlob gz = store.compressedLayerBlob(diffId);
    assertEquals(LayerCompression.GZIP, gz.compression());
    assertEquals(gz, store.compressedLayerBlob(diffId), "the second push reuses it");
    assertEquals(2, store.layerBlobs(diffId).size());
    byte[] bytes = Files.readAllBytes(store.blobPath(gz.digest()));
    assertEquals(gz.digest(), Digest.of(bytes));
    try (InputStream in = new java.util.zip.GZIPInputStream(new java.io.ByteArrayInputStream(bytes))) {
      assertEquals(diffId, Digest.of(in.readAllBytes()));
    }
  }
}
