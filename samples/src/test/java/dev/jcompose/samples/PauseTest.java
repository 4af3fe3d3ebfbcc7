package dev.jcompose.samples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jcompose.api.client.EngineClient;
import dev.jcompose.api.model.ContainerState;
import java.io.IOException;
import java.net.HttpURLConnection;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * {@code jcompose pause}/{@code unpause} through the real CLI and engine: a paused httpd does not
 * answer (its cgroup is frozen) and exec is refused, inspect and ps say paused; unpaused it
 * answers again; a paused container stops at once on SIGTERM (the engine thaws it after the
 * signal), an engine restart keeps it paused, and {@code down} of a stack with a paused container leaves nothing behind.
 */
@Tag("root")
class PauseTest {
  private static final String WEB = "    image: busybox:latest\n"
      + "    command: [\"sh\", \"-c\", \"trap 'exit 0' TERM; echo hello-pause > /www/index.html; httpd -f -p 80 -h /www & wait\"]\n";
  private static final String WORKER = "    image: busybox:latest\n"
      + "    command: [\"sh\", \"-c\", \"trap 'exit 0' TERM; sleep 3600 & wait\"]\n";

  @Test
  void pausedHttpdDoesNotAnswer_unpausedItDoes_stopAndDownWork() throws Exception {
    try (BusyboxEngine engine = BusyboxEngine.start("jcpause-", Map.of())) {
      JcomposeRunner jc = engine.jc();
      int port = freePort();
      Path dir = engine.project("pause", "services:\n  web:\n" + WEB + "    ports: [\"127.0.0.1:" + port + ":80\"]\n"
          + "  worker:\n" + WORKER);
      String url = "http://127.0.0.1:" + port + "/";
      EngineClient client = new EngineClient(jc.socket());
      List<String> ids = List.of();
      try {
        jc.ok(dir, "up", "-d");
        assertEquals("hello-pause\n", awaitHttp(url));
        String webId = jc.ok(dir, "ps", "-q", "web").stdout().strip();
        String workerId = jc.ok(dir, "ps", "-q", "worker").stdout().strip();
        ids = List.of(webId, workerId);

        assertTrue(jc.ok(dir, "pause", "web").stdout().contains("Container pause-web-1  Paused"), "pause output");
        ContainerState s = client.inspectContainer("pause-web-1").state();
        assertEquals("paused", s.status());
        assertEquals(Boolean.TRUE, s.paused());
        assertEquals(Boolean.TRUE, s.running(), "State.Running stays true, as in Docker");
        assertThrows(IOException.class, () -> get(url, 1500), "a frozen httpd does not answer");
        String ps = jc.ok(dir, "ps").stdout();
        assertTrue(ps.lines().anyMatch(l -> l.startsWith("pause-web-1") && l.contains("(Paused)")), ps);
        assertEquals(webId, jc.ok(dir, "ps", "-q", "--status", "paused").stdout().strip());
        assertEquals("worker", jc.ok(dir, "ps", "--services", "--status", "running").stdout().strip());
        JcomposeRunner.Result exec = jc.run(dir, "exec", "-T", "web", "true");
        assertNotEquals(0, exec.exitCode());
        assertTrue(exec.all().contains("is paused, unpause the container before exec"), exec.all());
        JcomposeRunner.Result again = jc.run(dir, "pause", "web");
        assertNotEquals(0, again.exitCode());
        assertTrue(again.all().contains("Container " + webId + " is already paused"), again.all());

        // an engine restart re-adopts the paused container as paused
        jc.ok(engine.state(), "engine", "stop");
        String psAfter = jc.ok(dir, "ps").stdout(); // starts the engine again
        assertTrue(psAfter.lines().anyMatch(l -> l.startsWith("pause-web-1") && l.contains("(Paused)")), psAfter);
        client = new EngineClient(jc.socket());
        assertEquals(Boolean.TRUE, client.inspectContainer("pause-web-1").state().paused());
        assertThrows(IOException.class, () -> get(url, 1500), "still frozen after the engine restart");

        assertTrue(jc.ok(dir, "unpause", "web").stdout().contains("Container pause-web-1  Unpaused"), "unpause output");
        assertEquals("running", client.inspectContainer("pause-web-1").state().status());
        assertEquals("hello-pause\n", get(url, 5000));
        JcomposeRunner.Result notPaused = jc.run(dir, "unpause", "web");
        assertNotEquals(0, notPaused.exitCode());
        assertTrue(notPaused.all().contains("Container " + webId + " is not paused"), notPaused.all());

        // stop of a paused container: SIGTERM reaches it once thawed, so the trap exits 0 well before the timeout
        jc.ok(dir, "pause", "web");
        long t0 = System.nanoTime();
        jc.ok(dir, "stop", "-t", "20", "web");
        long took = TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - t0);
        assertTrue(took < 15, "stop took " + took + " s: SIGTERM was not acted on");
        ContainerState stopped = client.inspectContainer("pause-web-1").state();
        assertEquals("exited", stopped.status());
        assertEquals(0, stopped.exitCode(), "exited by its TERM trap, not killed");
        assertEquals(Boolean.FALSE, stopped.paused());

        // down with a paused container in the stack
        assertTrue(jc.ok(dir, "pause").stdout().contains("Container pause-worker-1  Paused"));
        jc.ok(dir, "down", "-t", "20");
        assertEquals("", jc.ok(dir, "ps", "-a", "-q").stdout().strip(), "down removed every container");
        for (String id : ids) {
          assertEquals(List.of(), HostLeaks.cgroups(id), "no cgroup of " + id + " is left");
        }
        assertEquals(List.of(), HostLeaks.mountsUnder(engine.state().resolve("containers")), "no container mounts are left");
      } finally {
        jc.run(dir, "down", "-t", "0");
      }
    }
  }

  private static String get(String url, int timeoutMillis) throws IOException {
    HttpURLConnection c = (HttpURLConnection) new URL(url).openConnection();
    c.setConnectTimeout(timeoutMillis);
    c.setReadTimeout(timeoutMillis);
    try {
      return new String(c.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    } finally {
      c.disconnect();
    }
  }

  private static String awaitHttp(String url) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    IOException last = null;
    while (System.nanoTime() < deadline) {
      try {
        return get(url, 2000);
      } catch (IOException e) {
        last = e;
        Thread.sleep(100);
      }
    }
    throw new AssertionError(url + " did not answer within 10 s", last);
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
      return s.getLocalPort();
    }
  }
}
