package dev.jcompose.samples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** Images through the CLI: {@code images}, {@code image rm} of a used image, {@code down --rmi}, save/load, compose {@code push}. */
@Tag("root")
class ImagesTest {
  private static BusyboxEngine engine;
  private static JcomposeRunner jc;

  @BeforeAll
  static void engineAndImage() throws Exception {
    engine = BusyboxEngine.start("jcimages-", Map.of());
    jc = engine.jc();
  }

  @AfterAll
  static void stopEngine() throws Exception {
    if (engine != null) {
      engine.close();
    }
  }

  @Test
  void images_rmOfUsedImageConflicts_downRmiLocalRemovesOnlyTheBuiltImage() throws Exception {
    Path dir = engine.project("imgs", """
        services:
          app:
            build: .
            command: ["sleep", "300"]
          db:
            image: busybox:latest
            command: ["sleep", "300"]
        """);
    Files.writeString(dir.resolve("Dockerfile"), """
        FROM busybox:latest
        RUN echo built > /built.txt
        """);
    try {
      jc.ok(dir, "build");
      jc.ok(dir, "up", "-d");
      String images = jc.ok(dir, "images").stdout();
      assertTrue(images.contains("imgs-app") && images.contains("busybox") && images.contains("imgs-db-1"), images);

      JcomposeRunner.Result rm = jc.run(dir, "image", "rm", "busybox:latest");
      assertNotEquals(0, rm.exitCode());
      assertTrue(rm.all().contains("conflict") && rm.all().contains("imgs-db-1"), rm.all());

      jc.ok(dir, "down", "--rmi", "local");
      String left = jc.ok(dir, "image", "ls").stdout();
      assertFalse(left.contains("imgs-app"), left);
      assertTrue(left.contains("busybox"), left);
    } finally {
      jc.run(dir, "down");
    }
  }

  @Test
  void saveRmLoad_sameImageId() throws Exception {
    Path dir = engine.state();
    String id = jc.ok(dir, "image", "inspect", "busybox:latest").stdout().replaceAll("(?s).*\"Id\"\\s*:\\s*\"(sha256:[0-9a-f]+)\".*", "$1");
    jc.ok(dir, "image", "tag", "busybox:latest", "saved/busybox:1");
    Path tar = dir.resolve("saved.tar");
    jc.ok(dir, "image", "save", "-o", tar.toString(), "saved/busybox:1");
    jc.ok(dir, "image", "rm", "saved/busybox:1");
    assertFalse(jc.ok(dir, "image", "ls").stdout().contains("saved/busybox"));
    String loaded = jc.ok(dir, "image", "load", "-i", tar.toString()).stdout();
    assertEquals("Loaded image: saved/busybox:1", loaded.strip());
    assertTrue(jc.ok(dir, "image", "inspect", "saved/busybox:1").stdout().contains(id));
  }

  @Test
  void composePush_thenPullBack_sameImageId() throws Exception {
    assumeTrue(Files.isExecutable(Path.of("/usr/bin/docker-registry")), "needs Debian's docker-registry");
    Path regDir = Files.createTempDirectory(engine.state(), "registry-");
    int port;
    try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      port = s.getLocalPort();
    }
    Files.writeString(regDir.resolve("config.yml"), "version: 0.1\nlog:\n  level: error\nstorage:\n  filesystem:\n    rootdirectory: "
        + regDir.resolve("storage") + "\nhttp:\n  addr: 127.0.0.1:" + port + "\n");
    Process registry = new ProcessBuilder("docker-registry", "serve", regDir.resolve("config.yml").toString())
        .redirectErrorStream(true).redirectOutput(regDir.resolve("log").toFile()).start();
    try {
      waitForRegistry(port);
      String image = "127.0.0.1:" + port + "/imgs/app:1";
      Path dir = engine.project("pushed", """
          services:
            app:
              build: .
              image: %s
          """.formatted(image));
      Files.writeString(dir.resolve("Dockerfile"), "FROM busybox:latest\nRUN echo pushed > /pushed.txt\n");
      jc.ok(dir, "build");
      String id = jc.ok(dir, "image", "inspect", image).stdout().replaceAll("(?s).*\"Id\"\\s*:\\s*\"(sha256:[0-9a-f]+)\".*", "$1");
      JcomposeRunner.Result push = jc.ok(dir, "push");
      assertTrue(push.all().contains("Pushed"), push.all());
      jc.ok(dir, "image", "rm", image);
      jc.ok(dir, "pull");
      assertTrue(jc.ok(dir, "image", "inspect", image).stdout().contains(id));
    } finally {
      registry.destroy();
      if (!registry.waitFor(5, TimeUnit.SECONDS)) {
        registry.destroyForcibly();
      }
    }
  }

  private static void waitForRegistry(int port) throws Exception {
    HttpClient http = HttpClient.newHttpClient();
    for (int i = 0; i < 100; i++) {
      try {
        if (http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/v2/")).build(),
            HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
          return;
        }
      } catch (java.io.IOException notYet) {
        Thread.sleep(50);
      }
    }
    throw new AssertionError("docker-registry did not come up on 127.0.0.1:" + port);
  }
}
