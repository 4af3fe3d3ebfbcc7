package dev.jcompose.samples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** {@code build:} through the CLI and the engine's POST /build: .dockerignore, the cache, up --build, failures. */
@Tag("root")
class BuildTest {
  private static BusyboxEngine engine;
  private static JcomposeRunner jc;

  @BeforeAll
  static void engineAndImage() throws Exception {
    engine = BusyboxEngine.start("jcbuild-", Map.of());
    jc = engine.jc();
  }

  @AfterAll
  static void stopEngine() throws Exception {
    if (engine != null) {
      engine.close();
    }
  }

  private static String get(int port, String path) throws Exception {
    HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).build(),
        HttpResponse.BodyHandlers.ofString());
    return r.statusCode() + " " + r.body();
  }

  @Test
  void buildUpServe_dockerignoreHonoured_rebuildAllCache_changeRebuildsAndRecreates() throws Exception {
    Path dir = engine.project("web", """
        services:
          web:
            build:
              context: .
              args:
                GREETING: hello
              labels:
                org.example.built-by: jcompose
            ports: ["127.0.0.1:18431:8080"]
        """);
    Files.createDirectories(dir.resolve("site"));
    Files.writeString(dir.resolve("site/index.html"), "v1\n");
    Files.writeString(dir.resolve("site/secret.env"), "do not ship\n");
    Files.writeString(dir.resolve("notes.md"), "notes\n");
    Files.writeString(dir.resolve(".dockerignore"), "**/*.env\n*.md\n");
    Files.writeString(dir.resolve("Dockerfile"), """
        FROM busybox:latest AS base
        ARG GREETING=hi
        RUN mkdir -p /www && echo "$GREETING from RUN" > /www/greeting.txt

        FROM base
        COPY site/ /www/
        COPY . /context/
        EXPOSE 8080
        CMD ["httpd", "-f", "-p", "8080", "-h", "/www"]
        """);
    try {
      JcomposeRunner.Result first = jc.ok(dir, "build");
      assertTrue(first.stdout().contains("Step 3/8 : RUN mkdir -p /www"), first.stdout());
      assertTrue(first.stdout().contains("Successfully tagged web-web:latest"), first.stdout());

      jc.ok(dir, "up", "-d");
      assertEquals("200 v1\n", get(18431, "/"));
      assertEquals("200 hello from RUN\n", get(18431, "/greeting.txt"));
      assertTrue(get(18431, "/secret.env").startsWith("404"), ".dockerignore keeps secret.env out of the context");
      JcomposeRunner.Result ls = jc.ok(dir, "exec", "web", "ls", "-a", "/context");
      assertFalse(ls.stdout().contains("notes.md"), ls.stdout());
      assertTrue(ls.stdout().contains("Dockerfile"), ls.stdout());
      String imageJson = jc.ok(dir, "image", "inspect", "web-web").stdout();
      assertTrue(imageJson.contains("org.example.built-by"), imageJson);

      JcomposeRunner.Result again = jc.ok(dir, "build");
      assertEquals(6, again.stdout().split("Using cache", -1).length - 1,
          "every step but the FROMs and the ARG (they make no image), and the build's labels, come from the cache:\n" + again.stdout());
      JcomposeRunner.Result up = jc.ok(dir, "up", "-d");
      assertFalse(up.all().contains("Recreate"), "an unchanged image keeps the container:\n" + up.all());

      Files.writeString(dir.resolve("site/index.html"), "v2\n");
      JcomposeRunner.Result rebuilt = jc.ok(dir, "up", "-d", "--build");
      assertEquals(1, rebuilt.stdout().split("Using cache", -1).length - 1, "only the RUN of the first stage is cached:\n" + rebuilt.stdout());
      assertTrue(rebuilt.all().contains("Recreate"), "a rebuilt image recreates the container:\n" + rebuilt.all());
      assertEquals("200 v2\n", get(18431, "/"));
    } finally {
      jc.run(dir, "down");
    }
  }

  @Test
  void failingStep_namesStepLineCommandAndCode_andNothingIsStarted() throws Exception {
    Path dir = engine.project("broken", """
        services:
          app:
            build:
              context: .
              dockerfile_inline: |
                FROM busybox:latest
                RUN echo working
                RUN echo about to fail >&2 && exit 7
        """);
    JcomposeRunner.Result r = jc.run(dir, "up", "-d");
    assertNotEquals(0, r.exitCode());
    assertTrue(r.stderr().contains("service \"app\" failed to build: Step 3/3 (.dockerfile."), r.all());
    assertTrue(r.stderr().contains(":3) RUN: the command '/bin/sh -c echo about to fail >&2 && exit 7' returned a non-zero code: 7"), r.all());
    assertTrue(r.stdout().contains("about to fail"), "the step's output is shown:\n" + r.all());
    assertTrue(r.stderr().contains("Nothing of the project was created."), r.all());
    assertEquals("", jc.ok(dir, "ps", "-a", "-q").stdout().strip(), "no container was created");
  }

  @Test
  void dockerfileError_namesFileAndLine() throws Exception {
    Path dir = engine.project("typo", "services:\n  app:\n    build: .\n");
    Files.writeString(dir.resolve("Dockerfile"), "FROM busybox:latest\nRUNN echo hi\n");
    JcomposeRunner.Result r = jc.run(dir, "build");
    assertNotEquals(0, r.exitCode());
    assertTrue(r.stderr().contains("Dockerfile:2:"), r.all());
    assertTrue(r.stderr().contains("RUN"), r.all());
    assertFalse(r.stderr().contains("at dev.jcompose"), "no stack trace:\n" + r.all());
  }
}
