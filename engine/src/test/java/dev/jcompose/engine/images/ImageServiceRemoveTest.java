package dev.jcompose.engine.images;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jcompose.api.model.ContainerSummary;
import dev.jcompose.engine.http.ApiException;
import dev.jcompose.image.Image;
import dev.jcompose.image.ImageReference;
import dev.jcompose.image.ImageStore;
import dev.jcompose.linux.HostCommand;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** DELETE /images/{name}, POST /images/prune, tag and history, with dockerd's rules. */
class ImageServiceRemoveTest {
  private final List<ContainerSummary> containers = new ArrayList<>();
  private final ImageService.ContainerImages users = () -> containers;

  private static Image importImage(ImageStore store, Path tmp, String name, String content) throws Exception {
    Path rootfs = Files.createDirectories(tmp.resolve("rootfs-" + content + "/etc"));
    Files.writeString(rootfs.resolve("hostname"), content + "\n");
    Path tar = tmp.resolve(content + ".tar");
    HostCommand.run(List.of("tar", "-cf", tar.toString(), "-C", rootfs.getParent().toString(), "."));
    try (InputStream in = Files.newInputStream(tar)) {
      return store.importRootfs(in, ImageReference.parse(name), null, "imported");
    }
  }

  private void container(String id, String name, String imageId, String state) {
    containers.add(new ContainerSummary(id, List.of("/" + name), "x", imageId, "sh", 0L, state, state, List.of(), Map.of(), null));
  }

  @Test
  void rm_nameOfImageWithOtherNames_onlyUntags(@TempDir Path tmp) throws Exception {
    ImageStore store = new ImageStore(tmp.resolve("s"));
    ImageService images = new ImageService(store);
    Image a = importImage(store, tmp, "app:1", "a");
    images.tag("app:1", "app", "2");
    container("c0ffee000000aaaa", "web-1", a.id(), "running");
    assertEquals(List.of(Map.of("Untagged", "app:2")), images.remove("app:2", false, users));
    assertEquals(List.of("app:1"), store.require(a.id()).repoTags());
  }

  @Test
  void rm_lastNameOfUsedImage_is409NamingTheContainer_forcedItOnlyUntags(@TempDir Path tmp) throws Exception {
    ImageStore store = new ImageStore(tmp.resolve("s"));
    ImageService images = new ImageService(store);
    Image a = importImage(store, tmp, "app:1", "a");
    container("c0ffee000000aaaa", "web-1", a.id(), "exited");
    ApiException e = assertThrows(ApiException.class, () -> images.remove("app:1", false, users));
    assertEquals(409, e.status());
    assertTrue(e.getMessage().contains("c0ffee000000") && e.getMessage().contains("web-1"), e.getMessage());

    assertEquals(List.of(Map.of("Untagged", "app:1")), images.remove("app:1", true, users));
    assertTrue(store.get(a.id()).isPresent(), "the container keeps its image");
  }

  @Test
  void rm_idOfImageWithTwoNames_needsForce_thenDeletesImageAndLayers(@TempDir Path tmp) throws Exception {
    ImageStore store = new ImageStore(tmp.resolve("s"));
    ImageService images = new ImageService(store);
    Image a = importImage(store, tmp, "app:1", "a");
    images.tag(a.id(), "other/app", null);
    String shortId = a.id().substring(7, 19);
    assertEquals(409, assertThrows(ApiException.class, () -> images.remove(shortId, false, users)).status());
    List<Map<String, String>> r = images.remove(shortId, true, users);
    assertTrue(r.contains(Map.of("Untagged", "app:1")) && r.contains(Map.of("Untagged", "other/app:latest")), r.toString());
    assertTrue(r.contains(Map.of("Deleted", a.id())), r.toString());
    assertTrue(r.contains(Map.of("Deleted", a.config().rootfs().diffIds().get(0))), r.toString());
    assertTrue(store.listAll().isEmpty());
    assertEquals(404, assertThrows(ApiException.class, () -> images.remove("app:1", false, users)).status());
  }

  @Test
  void prune_danglingOnly_thenAllUnused(@TempDir Path tmp) throws Exception {
    ImageStore store = new ImageStore(tmp.resolve("s"));
    ImageService images = new ImageService(store);
    Image a = importImage(store, tmp, "a:1", "a");
    Image b = importImage(store, tmp, "b:1", "b");
    Image c = importImage(store, tmp, "c:1", "c");
    store.untag(ImageReference.parse("a:1")); // dangling
    container("feed00000000bbbb", "uses-c", c.id(), "running");

    Map<String, Object> r = images.prune(null, users);
    assertEquals(List.of(Map.of("Deleted", a.id()), Map.of("Deleted", a.config().rootfs().diffIds().get(0))), r.get("ImagesDeleted"));
    assertTrue((Long) r.get("SpaceReclaimed") > 0);
    assertTrue(store.find("b:1").isPresent());

    Map<String, Object> all = images.prune("{\"dangling\":[\"false\"]}", users);
    assertTrue(all.get("ImagesDeleted").toString().contains("b:1"), all.toString());
    assertFalse(store.find("b:1").isPresent());
    assertTrue(store.find("c:1").isPresent(), "an image a container uses stays");
    assertTrue(b.id() != null);
  }

  @Test
  void history_newestFirst_topHasIdAndTags(@TempDir Path tmp) throws Exception {
    ImageStore store = new ImageStore(tmp.resolve("s"));
    ImageService images = new ImageService(store);
    Image a = importImage(store, tmp, "app:1", "a");
    List<Map<String, Object>> h = images.history("app:1");
    assertEquals(1, h.size());
    assertEquals(a.id(), h.get(0).get("Id"));
    assertEquals(List.of("app:1"), h.get(0).get("Tags"));
    assertEquals("jcompose import", h.get(0).get("CreatedBy"));
    assertTrue((Long) h.get(0).get("Size") > 0);
  }

  @Test
  void push_unknownImage_is404BeforeStreaming(@TempDir Path tmp) {
    ImageService images = new ImageService(new ImageStore(tmp));
    assertEquals(404, assertThrows(ApiException.class, () -> images.push("127.0.0.1:1/nope", "v1")).status());
  }
}
