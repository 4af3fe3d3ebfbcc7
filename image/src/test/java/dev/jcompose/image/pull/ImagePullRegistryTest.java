package dev.jcompose.image.pull;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.jcompose.image.Image;
import dev.jcompose.image.ImageException;
import dev.jcompose.image.ImageReference;
import dev.jcompose.image.ImageStore;
import dev.jcompose.image.registry.MediaTypes;
import dev.jcompose.image.registry.Platform;
import dev.jcompose.image.registry.RegistryClient;
import dev.jcompose.image.registry.RegistryCredentials;
import dev.jcompose.linux.FileTrees;
import dev.jcompose.linux.HostCommand;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Pulls images the test builds (umoci) and pushes (skopeo) to a real docker-registry on
 * 127.0.0.1. Root: the images carry whiteouts, which become device nodes and trusted.* xattrs.
 */
@Tag("root")
class ImagePullRegistryTest {
  private static Path work;
  private static LocalRegistry registry;
  private static String amd64;
  private static String arm64;

  @BeforeAll
  static void startRegistryAndPush() throws Exception {
    LocalRegistry.assumeToolsInstalled();
    assumeTrue("root".equals(System.getProperty("user.name")), "needs root: image layers with whiteouts unpack into device nodes");
    work = Files.createTempDirectory("jc-pull-test-");
    registry = LocalRegistry.start(work);
    amd64 = TestImages.buildBusybox(work, "amd64");
    arm64 = TestImages.buildBusybox(work, "arm64");
    TestImages.push(amd64, registry.address + "/test/busybox:oci");
    TestImages.push(amd64, registry.address + "/test/busybox:v2s2", "--format", "v2s2");
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

  private static ImagePull puller(ImageStore store) {
    return new ImagePull(store, new RegistryClient(RegistryCredentials.none(), Set.of()), 3);
  }

  @Test
  void pull_ociManifestWithoutMediaType_storesTagsAndUnpacksWithWhiteouts(@TempDir Path tmp) throws Exception {
    ImageStore store = new ImageStore(tmp);
    List<PullProgress> steps = new CopyOnWriteArrayList<>();
    Image img = puller(store).pull(ImageReference.parse(registry.address + "/test/busybox:oci"), null, steps::add);

    assertEquals(List.of(registry.address + "/test/busybox:oci"), img.repoTags());
    assertEquals(List.of("sh"), img.config().config().cmd());
    assertEquals(3, img.layerDirs().size());
    assertTrue(Files.isRegularFile(img.layerDirs().get(0).resolve("bin/busybox")));
    assertEquals(img.id(), store.require(registry.address + "/test/busybox:oci").id());
    assertTrue(steps.stream().anyMatch(p -> p.status().equals("Pull complete")), steps.toString());
    assertTrue(steps.get(steps.size() - 1).status().startsWith("Status: Downloaded newer image for"), steps.toString());
    assertMergedViewHidesWhiteouts(img, tmp);

    List<PullProgress> again = new CopyOnWriteArrayList<>();
    assertEquals(img.id(), puller(store).pull(ImageReference.parse(registry.address + "/test/busybox:oci"), null, again::add).id());
    assertEquals(3, again.stream().filter(p -> p.status().equals("Already exists")).count(), again.toString());
    assertTrue(again.get(again.size() - 1).status().startsWith("Status: Image is up to date"), again.toString());
  }

  @Test
  void pull_dockerSchema2_sameImageId(@TempDir Path tmp) {
    ImageStore store = new ImageStore(tmp);
    Image oci = puller(store).pull(ImageReference.parse(registry.address + "/test/busybox:oci"), null, PullListener.NONE);
    Image v2s2 = puller(store).pull(ImageReference.parse(registry.address + "/test/busybox:v2s2"), null, PullListener.NONE);
    assertEquals(oci.config().rootfs().diffIds(), v2s2.config().rootfs().diffIds());
    assertEquals(List.of("sh"), v2s2.config().config().cmd());
  }

  @Test
  void pull_twoPlatformIndex_picksHostOrAskedPlatform(@TempDir Path tmp) throws Exception {
    TestImages.push(amd64, registry.address + "/test/multi:amd64");
    TestImages.push(arm64, registry.address + "/test/multi:arm64");
    putIndex("test/multi", "both", List.of(manifestOf("test/multi", "amd64"), manifestOf("test/multi", "arm64")),
        List.of("amd64", "arm64"));
    ImageStore store = new ImageStore(tmp);
    Image host = puller(store).pull(ImageReference.parse(registry.address + "/test/multi:both"), Platform.parse("linux/amd64"),
        PullListener.NONE);
    assertEquals("amd64", host.config().architecture());
    Image arm = puller(store).pull(ImageReference.parse(registry.address + "/test/multi:both"), Platform.parse("linux/arm64"),
        PullListener.NONE);
    assertEquals("arm64", arm.config().architecture());
    ImageException e = assertThrows(ImageException.class, () -> puller(store)
        .pull(ImageReference.parse(registry.address + "/test/multi:both"), Platform.parse("linux/s390x"), PullListener.NONE));
    assertTrue(e.getMessage().contains("has no variant for linux/s390x"), e.getMessage());
  }

  @Test
  void pull_byDigest_works_andUnknownTagIsNotFound(@TempDir Path tmp) throws Exception {
    String digest = manifestOf("test/busybox", "oci")[0];
    ImageStore store = new ImageStore(tmp);
    Image img = puller(store).pull(ImageReference.parse(registry.address + "/test/busybox@" + digest), null, PullListener.NONE);
    assertEquals(3, img.layerDirs().size());
    ImageException e = assertThrows(ImageException.class,
        () -> puller(store).pull(ImageReference.parse(registry.address + "/test/busybox:nope"), null, PullListener.NONE));
    assertEquals(ImageException.Kind.NOT_FOUND, e.kind());
  }

  @Test
  void pull_layerWithWrongDigest_isRefusedAndNothingIsKept(@TempDir Path tmp) throws Exception {
    String image = TestImages.buildBusybox(Files.createDirectories(work.resolve("tampered")), "amd64");
    TestImages.push(image, registry.address + "/test/tampered:1");
    // corrupt the top layer's bytes inside the registry's storage, so the registry serves other content
    String manifest = get("/v2/test/tampered/manifests/1", MediaTypes.OCI_MANIFEST).body();
    String layerHex = manifest.replaceAll("(?s).*\"digest\":\"sha256:([0-9a-f]{64})\",\"size\":\\d+}]}.*", "$1");
    Path data = work.resolve("storage/docker/registry/v2/blobs/sha256/" + layerHex.substring(0, 2) + "/" + layerHex + "/data");
    byte[] bytes = Files.readAllBytes(data);
    bytes[bytes.length / 2] ^= 0x55;
    Files.write(data, bytes);

    ImageStore store = new ImageStore(tmp);
    ImageException e = assertThrows(ImageException.class,
        () -> puller(store).pull(ImageReference.parse(registry.address + "/test/tampered:1"), null, PullListener.NONE));
    assertTrue(e.getMessage().contains("expected") && e.getMessage().contains(layerHex), e.getMessage());
    assertFalse(Files.exists(tmp.resolve("images/blobs/sha256/" + layerHex)));
    try (Stream<Path> s = Files.list(tmp.resolve("images/blobs/sha256"))) {
      assertTrue(s.noneMatch(p -> p.getFileName().toString().startsWith(".download-")));
    }
    assertTrue(store.list().isEmpty());
  }

  /** Mounts the image's layers read-only with overlayfs and checks what the whiteouts hide. */
  private static void assertMergedViewHidesWhiteouts(Image img, Path tmp) throws Exception {
    Path merged = Files.createDirectories(tmp.resolve("merged"));
    String lower = String.join(":", img.lowerDirsTopFirst().stream().map(Path::toString).toList());
    HostCommand.run(List.of("mount", "-t", "overlay", "overlay", "-o", "ro,lowerdir=" + lower, merged.toString()));
    try {
      assertTrue(Files.exists(merged.resolve("bin/busybox")));
      assertFalse(Files.exists(merged.resolve("etc/motd")), "the whiteout of /etc/motd hides it");
      assertFalse(Files.exists(merged.resolve("etc/conf.d/old.conf")), "the opaque /etc/conf.d hides the lower contents");
      assertEquals("new\n", Files.readString(merged.resolve("etc/conf.d/new.conf")));
    } finally {
      HostCommand.run(List.of("umount", merged.toString()));
    }
  }

  /** [digest, size] of the manifest tagged {@code tag}. */
  private static String[] manifestOf(String repo, String tag) throws Exception {
    HttpResponse<String> r = get("/v2/" + repo + "/manifests/" + tag, MediaTypes.OCI_MANIFEST);
    return new String[] {r.headers().firstValue("Docker-Content-Digest").orElseThrow(),
        Integer.toString(r.body().getBytes(java.nio.charset.StandardCharsets.UTF_8).length)};
  }

  private static void putIndex(String repo, String tag, List<String[]> manifests, List<String> archs) throws Exception {
    StringBuilder json = new StringBuilder("{\"schemaVersion\":2,\"mediaType\":\"" + MediaTypes.OCI_INDEX + "\",\"manifests\":[");
    for (int i = 0; i < manifests.size(); i++) {
      json.append(i == 0 ? "" : ",").append("{\"mediaType\":\"").append(MediaTypes.OCI_MANIFEST).append("\",\"digest\":\"")
          .append(manifests.get(i)[0]).append("\",\"size\":").append(manifests.get(i)[1])
          .append(",\"platform\":{\"os\":\"linux\",\"architecture\":\"").append(archs.get(i)).append("\"}}");
    }
    json.append("]}");
    HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
            URI.create("http://" + registry.address + "/v2/" + repo + "/manifests/" + tag))
        .header("Content-Type", MediaTypes.OCI_INDEX).PUT(HttpRequest.BodyPublishers.ofString(json.toString())).build(),
        HttpResponse.BodyHandlers.ofString());
    assertEquals(201, r.statusCode(), r.body());
  }

  private static HttpResponse<String> get(String path, String accept) throws Exception {
    return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://" + registry.address + path))
        .header("Accept", accept).build(), HttpResponse.BodyHandlers.ofString());
  }
}
