package dev.jcompose.samples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.jcompose.api.client.EngineClient;
import dev.jcompose.linux.FileTrees;
import java.io.IOException;
import java.io.InputStream;
import java.net.HttpURLConnection;
import java.net.ServerSocket;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * What the end-to-end tests of the Debian-based samples share (redis-counter, nginx-replicas): a
 * private engine state root (so no test meets another engine) holding the samples' base image
 * jc-sample/debian:bookworm, made by samples/images/debian-base.sh (mmdebstrap, the tarball cached
 * in $JC_SAMPLE_CACHE, default /var/cache/jcompose-samples) and imported; a copy of the sample's
 * directory below the root, so a test may edit its files; the CLI to drive it. {@link #close}
 * takes the stack down with its volumes, stops the engine and deletes the root. Skips the test,
 * saying why, without root or a built CLI and engine. The images are built from Debian's archive
 * (RUN on the host's network).
 */
final class DebianSample implements AutoCloseable {
  private final Path state;
  private final Path project;
  private final JcomposeRunner jc;

  private DebianSample(Path state, Path project, JcomposeRunner jc) {
    this.state = state;
    this.project = project;
    this.jc = jc;
  }

  static DebianSample start(String prefix, String sample, Map<String, String> env) throws Exception {
    assumeTrue("root".equals(System.getProperty("user.name")), "needs root: namespaces, cgroups, bridges, mmdebstrap");
    Path repo = Path.of(System.getProperty("user.dir")).getParent();
    assumeTrue(JcomposeRunner.built(repo), "needs the CLI and engine built (mvn package) before the samples module");
    Path cache = Path.of(System.getenv().getOrDefault("JC_SAMPLE_CACHE", "/var/cache/jcompose-samples"));
    String baseTar = baseImage(repo, cache);
    Path state = Files.createTempDirectory(prefix);
    Path project = state.resolve(sample);
    copyTree(repo.resolve("samples").resolve(sample), project);
    JcomposeRunner jc = new JcomposeRunner(state, env);
    DebianSample s = new DebianSample(state, project, jc);
    try {
      jc.ok(state, "image", "import", baseTar, "jc-sample/debian:bookworm");
    } catch (Throwable t) {
      s.close();
      throw t;
    }
    return s;
  }

  Path state() {
    return state;
  }

  /** The copy of the sample's directory (compose.yaml, the images' contexts). */
  Path project() {
    return project;
  }

  JcomposeRunner jc() {
    return jc;
  }

  /** jcompose in the sample's directory; fails the test unless it exits 0. */
  JcomposeRunner.Result ok(String... args) throws IOException, InterruptedException {
    return jc.ok(project, args);
  }

  /** The host bridge of a network of the stack. */
  String bridge(String network) throws IOException {
    return new EngineClient(jc.socket()).inspectNetwork(network).options().get("com.docker.network.bridge.name");
  }

  /** Asserts that the links of a stack's bridge are gone and that nothing is mounted below the state root. */
  void assertNothingLeft(List<String> stackLinks) throws Exception {
    List<String> left = List.of();
    for (int i = 0; i < 50; i++) {
      left = HostLeaks.links("").stream().filter(stackLinks::contains).toList();
      if (left.isEmpty()) {
        break;
      }
      Thread.sleep(100);
    }
    assertEquals(List.of(), left, "bridge/veths of the stack left on the host");
    assertEquals(List.of(), HostLeaks.mountsUnder(state), "mounts left below the state root");
  }

  @Override
  public void close() throws Exception {
    jc.run(project, "down", "-v", "-t", "2");
    jc.run(state, "engine", "stop");
    if (HostLeaks.mountsUnder(state).isEmpty()) {
      FileTrees.deleteTree(state);
    }
  }

  /** Runs debian-base.sh without importing; returns the base image's tarball. */
  private static String baseImage(Path repo, Path cache) throws Exception {
    ProcessBuilder pb = new ProcessBuilder(repo.resolve("samples/images/debian-base.sh").toString())
        .redirectError(ProcessBuilder.Redirect.INHERIT);
    pb.environment().put("JC_SAMPLE_NO_IMPORT", "1");
    pb.environment().put("JC_SAMPLE_CACHE", cache.toString());
    Process p = pb.start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
    assertTrue(p.waitFor(20, TimeUnit.MINUTES), "debian-base.sh finished");
    assertEquals(0, p.exitValue(), "debian-base.sh failed; its messages are above");
    assertTrue(out.endsWith(".tar") && !out.contains("\n") && Files.isRegularFile(Path.of(out)), "debian-base.sh prints the tarball: " + out);
    return out;
  }

  private static void copyTree(Path from, Path to) throws IOException {
    List<Path> all;
    try (Stream<Path> walk = Files.walk(from)) {
      all = walk.filter(p -> !from.relativize(p).toString().startsWith(".cache")).toList();
    }
    for (Path p : all) {
      Path target = to.resolve(from.relativize(p).toString());
      if (Files.isDirectory(p)) {
        Files.createDirectories(target);
      } else {
        Files.copy(p, target, StandardCopyOption.COPY_ATTRIBUTES);
      }
    }
  }

  // ---- HTTP, as a user's curl would

  record Answer(int status, String body) {}

  /** GET; null when nothing answers (connection refused or reset, timeout). */
  static Answer get(String url) {
    try {
      HttpURLConnection c = (HttpURLConnection) new URL(url).openConnection();
      c.setConnectTimeout(1000);
      c.setReadTimeout(10_000);
      c.setInstanceFollowRedirects(false);
      int status = c.getResponseCode();
      InputStream in = status >= 400 ? c.getErrorStream() : c.getInputStream();
      try (in) {
        return new Answer(status, in == null ? "" : new String(in.readAllBytes(), StandardCharsets.UTF_8));
      }
    } catch (IOException e) {
      return null;
    }
  }

  /** The body of the first 200 answer from {@code url}, polling every 100 ms for up to 60 s. */
  static String awaitOk(String url) throws InterruptedException {
    Answer last = null;
    for (int i = 0; i < 600; i++) {
      last = get(url);
      if (last != null && last.status() == 200) {
        return last.body();
      }
      Thread.sleep(100);
    }
    throw new AssertionError("no 200 answer from " + url + " within 60 s; last: " + last);
  }

  /** The body of a 200 answer; fails otherwise. */
  static String getOk(String url) {
    Answer a = get(url);
    assertTrue(a != null && a.status() == 200, "GET " + url + ": " + a);
    return a.body();
  }

  static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }

  static String tail(String s) {
    return s.length() > 4000 ? s.substring(s.length() - 4000) : s;
  }

  static List<String> lines(String s) {
    List<String> out = new ArrayList<>();
    for (String l : s.split("\n")) {
      if (!l.isBlank()) {
        out.add(l);
      }
    }
    return out;
  }
}
