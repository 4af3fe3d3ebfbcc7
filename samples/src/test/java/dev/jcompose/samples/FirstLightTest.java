package dev.jcompose.samples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.jcompose.api.client.EngineClient;
import dev.jcompose.api.model.ContainerInspect;
import dev.jcompose.linux.FileTrees;
import dev.jcompose.linux.HostCommand;
import java.io.IOException;
import java.io.InputStream;
import java.net.HttpURLConnection;
import java.net.ServerSocket;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The first-light stack of samples/first-light, end to end through the real CLI, engine, C helper,
 * bridge and nftables: up, ps, the published port, logs, what a container sees of itself, down,
 * and that nothing of the stack is left on the host.
 */
@Tag("root")
class FirstLightTest {
  private static final String PAGE = "hello from the site volume";

  @Test
  void upServesThePageByNameAndDownLeavesNothing() throws Exception {
    assumeTrue("root".equals(System.getProperty("user.name")), "needs root: namespaces, cgroups, bridges");
    assumeTrue(Files.isExecutable(Path.of("/bin/busybox")), "needs Debian's busybox-static for the test image");
    Path repo = Path.of(System.getProperty("user.dir")).getParent();
    assumeTrue(JcomposeRunner.built(repo), "needs the CLI and engine built (mvn package) before the samples module");

    Path state = Files.createTempDirectory("jcit-");
    int port = freePort();
    JcomposeRunner jc = new JcomposeRunner(state, Map.of("WEB_PORT", Integer.toString(port)));
    Path compose = repo.resolve("samples/first-light/compose.yaml");
    String f = compose.toString();
    List<Long> pids = new ArrayList<>();
    List<String> ids = new ArrayList<>();
    try {
      Path tar = state.resolve("busybox.tar");
      HostCommand.run(List.of(repo.resolve("samples/images/busybox-rootfs.sh").toString(), tar.toString()));
      jc.ok(state, "image", "import", tar.toString(), "busybox:latest");

      JcomposeRunner.Result up = jc.ok(state, "-f", f, "up", "-d");
      assertTrue(up.all().contains("firstlight-web-1"), up.all());

      String ps = jc.ok(state, "-f", f, "ps").stdout();
      assertTrue(ps.contains("firstlight-web-1") && ps.contains("firstlight-client-1"), ps);
      assertEquals(2, ps.lines().filter(l -> l.contains("Up ")).count(), ps);
      assertTrue(ps.contains("127.0.0.1:" + port + "->80/tcp"), ps);
      assertEquals(2, lines(jc.ok(state, "-f", f, "ps", "-q").stdout()).size());
      assertEquals(2, lines(jc.ok(state, "-f", f, "ps", "-q", "--status", "running").stdout()).size());
      assertEquals(0, lines(jc.ok(state, "-f", f, "ps", "-q", "--status", "exited").stdout()).size());
      String psWeb = jc.ok(state, "-f", f, "ps", "web").stdout();
      assertTrue(psWeb.contains("firstlight-web-1") && !psWeb.contains("client"), psWeb);

      assertEquals(PAGE, eventually(() -> httpGet("http://127.0.0.1:" + port + "/")).strip());
      String logs = eventually(() -> {
        String l = runQuiet(jc, state, "-f", f, "logs", "client");
        return l.contains("got: " + PAGE) ? l : null;
      });
      assertTrue(logs.contains("client-1  | "), logs);

      EngineClient engine = new EngineClient(jc.socket());
      String bridge = engine.inspectNetwork("firstlight_default").options().get("com.docker.network.bridge.name");
      List<String> stackLinks = HostLeaks.linksOfBridge(bridge);
      assertEquals(3, stackLinks.size(), "the bridge and one veth per container: " + stackLinks);
      for (String name : List.of("firstlight-web-1", "firstlight-client-1")) {
        ContainerInspect c = engine.inspectContainer(name);
        pids.add(c.state().pid());
        ids.add(c.id());
      }
      ContainerInspect client = engine.inspectContainer("firstlight-client-1");
      long pid = client.state().pid();
      String inside = "nsenter -t " + pid + " -m -u -i -n -p -r -w ";
      List<String> psInside = lines(HostCommand.run(List.of("sh", "-c", inside + "ps -o pid,args")).stdout());
      assertTrue(psInside.get(1).trim().startsWith("1 sh -c"), "PID 1 must be the container's command: " + psInside);
      assertTrue(psInside.size() <= 6, "only the container's own processes: " + psInside);
      assertEquals(client.id().substring(0, 12), HostCommand.run(List.of("sh", "-c", inside + "hostname")).stdout().strip());
      List<String> ifaces = lines(HostCommand.run(List.of("sh", "-c", inside + "ip -o link")).stdout()).stream()
          .map(l -> l.split(": ")[1].replaceAll("@.*", "")).sorted().toList();
      assertEquals(List.of("eth0", "lo"), ifaces);

      JcomposeRunner.Result down = jc.ok(state, "-f", f, "down");
      assertTrue(down.all().contains("Removed") || down.all().contains("Removing"), down.all());
      assertEquals(List.of(), lines(jc.ok(state, "-f", f, "ps", "-a", "-q").stdout()));
      for (long p : pids) {
        assertFalse(HostLeaks.alive(p), "container process " + p + " still runs after down");
      }
      assertEquals(List.of(), eventually(() -> {
        try {
          List<String> left = HostLeaks.links("jc").stream().filter(stackLinks::contains).toList();
          return left.isEmpty() ? left : null;
        } catch (IOException e) {
          return null;
        }
      }), "bridge/veths of the stack left on the host");
      assertEquals(List.of(), HostLeaks.mountsUnder(state));
      for (String id : ids) {
        assertEquals(List.of(), HostLeaks.cgroups(id), "cgroups of " + id + " left behind");
      }
      Path volumeData = state.resolve("volumes/firstlight_site/_data/index.html");
      assertTrue(Files.exists(volumeData), "down without -v keeps the volume");
      assertTrue(nftTables().stream().noneMatch(t -> t.contains("jcompose")) || !nftRulesMention(port),
          "the published port's DNAT rule is gone");

      jc.ok(state, "-f", f, "down", "-v");
      assertFalse(Files.exists(state.resolve("volumes/firstlight_site")), "down -v removes the volume");
    } finally {
      jc.run(state, "-f", f, "down", "-v", "-t", "1");
      jc.run(state, "engine", "stop");
      if (HostLeaks.mountsUnder(state).isEmpty()) {
        FileTrees.deleteTree(state);
      }
    }
  }

  private static List<String> nftTables() {
    return lines(HostCommand.runAllowingFailure(List.of("nft", "list", "tables"), null).stdout());
  }

  private static boolean nftRulesMention(int port) {
    return HostCommand.runAllowingFailure(List.of("nft", "list", "ruleset"), null).stdout().contains(" " + port + " ");
  }

  private static String runQuiet(JcomposeRunner jc, Path dir, String... args) {
    try {
      return jc.run(dir, args).all();
    } catch (IOException | InterruptedException e) {
      return "";
    }
  }

  private static List<String> lines(String s) {
    return Arrays.stream(s.split("\n")).filter(l -> !l.isBlank()).toList();
  }

  private static <T> T eventually(Supplier<T> probe) throws InterruptedException {
    long deadline = System.currentTimeMillis() + 15_000;
    while (System.currentTimeMillis() < deadline) {
      T v = probe.get();
      if (v != null) {
        return v;
      }
      Thread.sleep(200);
    }
    throw new AssertionError("condition not met within 15 s");
  }

  private static String httpGet(String url) {
    try {
      HttpURLConnection c = (HttpURLConnection) new URL(url).openConnection();
      c.setConnectTimeout(1000);
      c.setReadTimeout(2000);
      try (InputStream in = c.getInputStream()) {
        return new String(in.readAllBytes(), StandardCharsets.UTF_8);
      }
    } catch (IOException e) {
      return null;
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }
}
