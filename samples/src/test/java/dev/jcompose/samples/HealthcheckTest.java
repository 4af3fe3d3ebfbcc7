package dev.jcompose.samples;

import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.jcompose.linux.FileTrees;
import dev.jcompose.linux.HostCommand;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** Healthchecks on the real engine: service_healthy waits for healthy, and a failing check ends `up` with an error in bounded time. */
@Tag("root")
class HealthcheckTest {
  private static final String APP = "  app:\n    image: busybox:latest\n"
      + "    command: [\"sh\", \"-c\", \"trap 'exit 0' TERM; sleep 3600 & wait\"]\n"
      + "    depends_on:\n      db:\n        condition: service_healthy\n";

  private static String db(String test) {
    return "services:\n  db:\n    image: busybox:latest\n"
        + "    command: [\"sh\", \"-c\", \"trap 'exit 0' TERM; sleep 1; touch /tmp/ready; sleep 3600 & wait\"]\n"
        + "    healthcheck:\n      test: [\"CMD-SHELL\", \"" + test + "\"]\n      interval: 300ms\n      retries: 2\n"
        + "      start_period: 3s\n      start_interval: 200ms\n";
  }

  @Test
  void serviceHealthy_waitsForHealthy_andFailsOnUnhealthy() throws Exception {
    assumeTrue("root".equals(System.getProperty("user.name")), "needs root: namespaces, cgroups, bridges");
    assumeTrue(Files.isExecutable(Path.of("/bin/busybox")), "needs Debian's busybox-static for the test image");
    Path repo = Path.of(System.getProperty("user.dir")).getParent();
    assumeTrue(JcomposeRunner.built(repo), "needs the CLI and engine built (mvn package) before the samples module");
    Path state = Files.createTempDirectory("jchealth-");
    JcomposeRunner jc = new JcomposeRunner(state, Map.of());
    Path good = Files.createDirectories(state.resolve("good"));
    Path bad = Files.createDirectories(state.resolve("bad"));
    Files.writeString(good.resolve("compose.yaml"), db("test -f /tmp/ready") + APP);
    Files.writeString(bad.resolve("compose.yaml"), db("test -f /tmp/never") + APP);
    try {
      Path tar = state.resolve("busybox.tar");
      HostCommand.run(List.of(repo.resolve("samples/images/busybox-rootfs.sh").toString(), tar.toString()));
      jc.ok(state, "image", "import", tar.toString(), "busybox:latest");

      String up = jc.ok(good, "up", "-d").stdout();
      assertTrue(up.indexOf("good-db-1  Healthy") < up.indexOf("good-app-1  Started") && up.contains("good-db-1  Healthy"), up);
      assertTrue(jc.ok(good, "ps", "db").stdout().contains("(healthy)"));

      long t0 = System.nanoTime();
      JcomposeRunner.Result failed = jc.run(bad, "up", "-d");
      long seconds = (System.nanoTime() - t0) / 1_000_000_000L;
      assertNotEquals(0, failed.exitCode());
      assertTrue(failed.all().contains("bad-db-1 is unhealthy"), failed.all());
      assertTrue(seconds < 60, "the failure came in bounded time: " + seconds + " s");
      // as docker compose v2: every container is created first, then started once its dependencies' conditions hold
      assertTrue(jc.ok(bad, "ps", "-a", "--status", "created").stdout().contains("bad-app-1"), "app was created but never started");
      assertTrue(!jc.ok(bad, "ps").stdout().contains("bad-app-1"), "app was never started");
      assertTrue(jc.ok(bad, "ps", "db").stdout().contains("(unhealthy)"));
    } finally {
      jc.run(good, "down", "-t", "0");
      jc.run(bad, "down", "-t", "0");
      jc.run(state, "engine", "stop");
      if (HostLeaks.mountsUnder(state).isEmpty()) {
        FileTrees.deleteTree(state);
      }
    }
  }
}
