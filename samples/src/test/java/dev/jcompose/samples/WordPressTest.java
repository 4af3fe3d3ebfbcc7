package dev.jcompose.samples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.jcompose.linux.FileTrees;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.ServerSocket;
import java.net.URL;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The README's main job, end to end: WordPress on MariaDB from Debian's packages. The base image
 * is made by samples/wordpress/images/build.sh (mmdebstrap, cached between runs) and imported;
 * `up -d` builds the two service images from their Dockerfiles with jcompose's builder (RUN on
 * the host's network: apt fetches from Debian's archive), waits for the database's healthcheck;
 * the installer is submitted with HTTP, the site survives down + up, and `down -v` removes the
 * data. Needs root, mmdebstrap and Debian's package archive (about two minutes; the first run
 * also makes the base tarball).
 */
@Tag("root")
class WordPressTest {
  private static final String TITLE = "jcompose e2e blog";

  @Test
  void installSurvivesDownAndUp_andDownVRemovesIt() throws Exception {
    assumeTrue("root".equals(System.getProperty("user.name")), "needs root: namespaces, cgroups, bridges, mmdebstrap");
    Path repo = Path.of(System.getProperty("user.dir")).getParent();
    assumeTrue(JcomposeRunner.built(repo), "needs the CLI and engine built (mvn package) before the samples module");
    Path cache = Path.of(System.getenv().getOrDefault("JC_SAMPLE_CACHE", "/var/cache/jcompose-samples"));
    String baseTar = baseImage(repo, cache);

    Path state = Files.createTempDirectory("jcwp-");
    int port = freePort();
    JcomposeRunner jc = new JcomposeRunner(state, Map.of("WORDPRESS_PORT", Integer.toString(port)));
    String f = repo.resolve("samples/wordpress/compose.yaml").toString();
    String base = "http://127.0.0.1:" + port;
    try {
      jc.ok(state, "image", "import", baseTar, "jc-sample/debian:bookworm");
      JcomposeRunner.Result up = jc.ok(state, "-f", f, "up", "-d");
      assertTrue(up.all().contains("Service db built: jc-sample/mariadb:latest"), "up builds the missing images:\n" + tail(up.all()));
      assertTrue(up.all().contains("Service wordpress built: jc-sample/wordpress:latest"), "up builds the missing images:\n" + tail(up.all()));
      assertTrue(up.stdout().contains("wordpress-db-1  Healthy"), "up waits for the database's healthcheck:\n" + tail(up.all()));
      awaitAnswer(base + "/");

      String installer = get(base + "/wp-admin/install.php");
      assertTrue(installer.contains("weblog_title"), "the WordPress installer:\n" + head(installer));
      Map<String, String> form = new LinkedHashMap<>();
      form.put("weblog_title", TITLE);
      form.put("user_name", "admin");
      form.put("admin_password", "jcompose-e2e-pass");
      form.put("admin_password2", "jcompose-e2e-pass");
      form.put("pw_weak", "1");
      form.put("admin_email", "admin@example.invalid");
      form.put("blog_public", "0");
      String installed = post(base + "/wp-admin/install.php?step=2", form);
      assertTrue(installed.contains("Success!"), "the install wrote to the database:\n" + head(installed));
      assertTrue(get(base + "/").contains(TITLE), "the front page shows the title");

      String rebuild = jc.ok(state, "-f", f, "build").all();
      assertFalse(rebuild.contains("Running in"), "a second build runs nothing, every step is cached:\n" + tail(rebuild));

      jc.ok(state, "-f", f, "down");
      String again = jc.ok(state, "-f", f, "up", "-d").all();
      assertFalse(again.contains("Building"), "the images exist: up builds nothing:\n" + tail(again));
      awaitAnswer(base + "/");
      assertTrue(get(base + "/").contains(TITLE), "after down + up the site is still installed");
      assertTrue(get(base + "/wp-admin/install.php").contains("Already Installed"));

      jc.ok(state, "-f", f, "down", "-v");
      assertFalse(Files.exists(state.resolve("volumes/wordpress_db_data")), "down -v removes the database volume");
      assertEquals(List.of(), HostLeaks.mountsUnder(state));
    } finally {
      jc.run(state, "-f", f, "down", "-v", "-t", "2");
      jc.run(state, "engine", "stop");
      if (HostLeaks.mountsUnder(state).isEmpty()) {
        FileTrees.deleteTree(state);
      }
    }
  }

  /** Runs build.sh without importing; returns the base image's tarball. */
  private static String baseImage(Path repo, Path cache) throws Exception {
    ProcessBuilder pb = new ProcessBuilder(repo.resolve("samples/wordpress/images/build.sh").toString())
        .redirectError(ProcessBuilder.Redirect.INHERIT);
    pb.environment().put("JC_SAMPLE_NO_IMPORT", "1");
    pb.environment().put("JC_SAMPLE_CACHE", cache.toString());
    Process p = pb.start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
    assertTrue(p.waitFor(20, TimeUnit.MINUTES), "build.sh finished");
    assertEquals(0, p.exitValue(), "build.sh failed; its messages are above");
    assertTrue(out.endsWith(".tar") && !out.contains("\n") && Files.isRegularFile(Path.of(out)), "build.sh prints the tarball: " + out);
    return out;
  }

  private static void awaitAnswer(String url) throws InterruptedException {
    for (int i = 0; i < 240; i++) {
      try {
        HttpURLConnection c = (HttpURLConnection) new URL(url).openConnection();
        c.setConnectTimeout(1000);
        c.setReadTimeout(10_000);
        c.setInstanceFollowRedirects(false);
        if (c.getResponseCode() > 0) {
          return;
        }
      } catch (IOException e) {
        // not up yet
      }
      Thread.sleep(250);
    }
    throw new AssertionError("no HTTP answer from " + url + " within 60 s");
  }

  private static String get(String url) throws IOException {
    HttpURLConnection c = (HttpURLConnection) new URL(url).openConnection();
    c.setReadTimeout(30_000);
    return read(c);
  }

  private static String post(String url, Map<String, String> form) throws IOException {
    StringBuilder body = new StringBuilder();
    form.forEach((k, v) -> body.append(body.length() == 0 ? "" : "&").append(k).append('=')
        .append(URLEncoder.encode(v, StandardCharsets.UTF_8)));
    HttpURLConnection c = (HttpURLConnection) new URL(url).openConnection();
    c.setRequestMethod("POST");
    c.setDoOutput(true);
    c.setReadTimeout(60_000);
    c.setRequestProperty("Content-Type", "application/x-www-form-urlencoded");
    try (OutputStream out = c.getOutputStream()) {
      out.write(body.toString().getBytes(StandardCharsets.UTF_8));
    }
    return read(c);
  }

  private static String read(HttpURLConnection c) throws IOException {
    InputStream in = c.getResponseCode() >= 400 ? c.getErrorStream() : c.getInputStream();
    return in == null ? "" : new String(in.readAllBytes(), StandardCharsets.UTF_8);
  }

  private static String tail(String s) {
    return s.length() > 4000 ? s.substring(s.length() - 4000) : s;
  }

  private static String head(String s) {
    return s.length() > 2000 ? s.substring(0, 2000) : s;
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }
}
