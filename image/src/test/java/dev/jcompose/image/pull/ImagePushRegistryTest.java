package dev.jcompose.image.pull;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.jcompose.image.Image;
import dev.jcompose.image.ImageReference;
import dev.jcompose.image.ImageStore;
import dev.jcompose.image.ImageStoreRemovalTestAccess;
import dev.jcompose.image.push.ImagePush;
import dev.jcompose.image.registry.RegistryClient;
import dev.jcompose.image.registry.RegistryCredentials;
import dev.jcompose.linux.FileTrees;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Pushes images of the store to a real docker-registry on 127.0.0.1 and pulls them back into another store. */
@Tag("root")
class ImagePushRegistryTest {
  private static Path work;
  private static LocalRegistry registry;

  @BeforeAll
  static void startRegistry() throws Exception {
    LocalRegistry.assumeToolsInstalled();
    assumeTrue("root".equals(System.getProperty("user.name")), "needs root (registry tests run as root)");
    work = Files.createTempDirectory("jc-push-test-");
    registry = LocalRegistry.start(work);
  }

  @AfterAll
  static void stopRegistry() throws Exception {
    if (registry != null) {
      registry.close();
    }
    if (work != null) {
      FileTrees.deleteTree(work);
    }
  }

  private static RegistryClient client() {
    return new RegistryClient(RegistryCredentials.none(), Set.of());
  }

  @Test
  void push_uncompressedLocalLayer_thenPullIntoAnotherStore_sameImageId(@TempDir Path tmp) throws Exception {
    ImageStore local = new ImageStore(tmp.resolve("one"));
    String name = registry.address + "/team/app:v1";
    Image image = ImageStoreRemovalTestAccess.importImage(local, tmp, name, "pushed");
    List<PullProgress> steps = new CopyOnWriteArrayList<>();
    ImagePush.Result r = new ImagePush(local, client()).push(ImageReference.parse(name), steps::add);
    assertEquals("v1", r.tag());
    assertTrue(steps.stream().anyMatch(p -> p.status().equals("Pushed")), steps.toString());
    assertTrue(steps.get(0).status().startsWith("The push refers to repository [" + registry.address + "/team/app]"), steps.toString());

    ImageStore other = new ImageStore(tmp.resolve("two"));
    Image pulled = new ImagePull(other, client(), 3).pull(ImageReference.parse(name), null, PullListener.NONE);
    assertEquals(image.id(), pulled.id());
    assertEquals("pushed\n", Files.readString(pulled.layerDirs().get(0).resolve("etc/hostname")));

    // a second push finds the blobs there, and re-uses the gzip blob it made
    List<PullProgress> again = new CopyOnWriteArrayList<>();
    ImagePush.Result second = new ImagePush(local, client()).push(ImageReference.parse(name), again::add);
    assertEquals(r.digest(), second.digest());
    assertTrue(again.stream().anyMatch(p -> p.status().equals("Layer already exists")), again.toString());

    // the pulled image pushes its layers as they came, under another name
    other.tag(pulled.id(), ImageReference.parse(registry.address + "/team/copy:v1"));
    new ImagePush(other, client()).push(ImageReference.parse(registry.address + "/team/copy:v1"), PullListener.NONE);
    ImageStore third = new ImageStore(tmp.resolve("three"));
    assertEquals(image.id(), new ImagePull(third, client(), 3)
        .pull(ImageReference.parse(registry.address + "/team/copy:v1"), null, PullListener.NONE).id());
  }

  @Test
  void push_unknownName_saysHowToTag(@TempDir Path tmp) {
    ImageStore local = new ImageStore(tmp);
    var e = org.junit.jupiter.api.Assertions.assertThrows(dev.jcompose.image.ImageException.class,
        () -> new ImagePush(local, client()).push(ImageReference.parse(registry.address + "/nope:1"), PullListener.NONE));
    assertTrue(e.getMessage().contains("jcompose image tag"), e.getMessage());
  }
}
