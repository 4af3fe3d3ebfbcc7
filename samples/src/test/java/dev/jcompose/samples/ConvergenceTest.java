package dev.jcompose.samples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Compose's convergence on the real engine: re-running `up` recreates only what changed,
 * `--scale` adds and removes replicas, orphans are reported and removed on request, and the
 * lifecycle commands (stop, start, restart, kill, rm, ls) act on the right containers.
 */
@Tag("root")
class ConvergenceTest {
  private static final String SERVICE = "    image: busybox:latest\n"
      + "    command: [\"sh\", \"-c\", \"trap 'exit 0' TERM; sleep 3600 & wait\"]\n";
  private static BusyboxEngine engine;
  private static Path state;
  private static JcomposeRunner jc;

  @BeforeAll
  static void engineAndImage() throws Exception {
    engine = BusyboxEngine.start("jcconv-", Map.of());
    state = engine.state();
    jc = engine.jc();
  }

  @AfterAll
  static void stopEngine() throws Exception {
    if (engine != null) {
      engine.close();
    }
  }


  private static Path project(String name, String yaml) throws Exception {
    return engine.project(name, yaml);
  }

  private static List<String> lines(String s) {
    return Arrays.stream(s.split("\n")).filter(l -> !l.isBlank()).toList();
  }

  private static String id(Path dir, String service) throws Exception {
    return jc.ok(dir, "ps", "-a", "-q", service).stdout().strip();
  }

  @Test
  void reUp_recreatesOnlyTheChangedService() throws Exception {
    String base = "services:\n  a:\n" + SERVICE + "    environment:\n      X: \"1\"\n  b:\n" + SERVICE + "    depends_on: [a]\n";
    Path dir = project("reup", base);
    try {
      jc.ok(dir, "up", "-d");
      String a1 = id(dir, "a");
      String b1 = id(dir, "b");
      String again = jc.ok(dir, "up", "-d").stdout();
      assertTrue(again.contains("reup-a-1  Running") && again.contains("reup-b-1  Running"), again);
      assertEquals(a1, id(dir, "a"));
      Files.writeString(dir.resolve("compose.yaml"), base.replace("X: \"1\"", "X: \"2\""));
      String changed = jc.ok(dir, "up", "-d").stdout();
      assertTrue(changed.contains("reup-a-1  Recreated"), changed);
      assertNotEquals(a1, id(dir, "a"), "a changed: a new container");
      assertEquals(b1, id(dir, "b"), "b did not change: the same container");
      String forced = jc.ok(dir, "up", "-d", "--force-recreate", "b").stdout();
      assertTrue(forced.contains("reup-b-1  Recreated"), forced);
    } finally {
      jc.run(dir, "down", "-t", "1");
    }
  }

  @Test
  void dependsOnRestartTrue_dependentsAreRestartedWithTheirDependency_othersAreLeftRunning() throws Exception {
    String base = "services:\n  a:\n" + SERVICE + "    environment:\n      X: \"1\"\n"
        + "  b:\n" + SERVICE + "    depends_on:\n      a:\n        condition: service_started\n        restart: true\n"
        + "  c:\n" + SERVICE + "    depends_on: [a]\n";
    Path dir = project("rdeps", base);
    try {
      jc.ok(dir, "up", "-d");
      String b1 = id(dir, "b");
      String c1 = id(dir, "c");
      Files.writeString(dir.resolve("compose.yaml"), base.replace("X: \"1\"", "X: \"2\""));
      String changed = jc.ok(dir, "up", "-d").stdout();
      assertTrue(changed.contains("rdeps-a-1  Recreated"), changed);
      assertTrue(changed.indexOf("rdeps-b-1  Stopped") >= 0 && changed.indexOf("rdeps-b-1  Stopped") < changed.indexOf("rdeps-a-1  Recreated"),
          "b stops before a is recreated: " + changed);
      assertTrue(changed.contains("rdeps-b-1  Started"), "b starts again after a: " + changed);
      assertTrue(changed.contains("rdeps-c-1  Running") && !changed.contains("rdeps-c-1  Stopped"), "c asked for no restart: " + changed);
      assertEquals(b1, id(dir, "b"), "b is restarted, not recreated");
      assertEquals(c1, id(dir, "c"));
      assertEquals(3, lines(jc.ok(dir, "ps", "-q").stdout()).size(), "all three run");

      String restarted = jc.ok(dir, "restart", "a").stdout();
      assertTrue(restarted.contains("rdeps-a-1  Started") && restarted.contains("rdeps-b-1  Started"), restarted);
      assertTrue(!restarted.contains("rdeps-c-1"), "restart a leaves c alone: " + restarted);
      String noDeps = jc.ok(dir, "restart", "--no-deps", "a").stdout();
      assertTrue(!noDeps.contains("rdeps-b-1"), "--no-deps: " + noDeps);
    } finally {
      jc.run(dir, "down", "-t", "1");
    }
  }

  @Test
  void recreate_keepsAnonymousVolumes_unlessRenewed() throws Exception {
    String yaml = "services:\n  db:\n    image: busybox:latest\n"
        + "    command: [\"sh\", \"-c\", \"echo found=$$(cat /data/v 2>/dev/null); [ -f /data/v ] || echo $$X > /data/v; "
        + "trap 'exit 0' TERM; sleep 3600 & wait\"]\n"
        + "    environment:\n      X: \"first\"\n    volumes:\n      - /data\n";
    Path dir = project("anon", yaml);
    try {
      jc.ok(dir, "up", "-d");
      Files.writeString(dir.resolve("compose.yaml"), yaml.replace("first", "second"));
      jc.ok(dir, "up", "-d");
      assertTrue(logsEventually(dir, "found=first"), "the recreated container sees its predecessor's anonymous volume");
      Files.writeString(dir.resolve("compose.yaml"), yaml.replace("first", "third"));
      jc.ok(dir, "up", "-d", "-V");
      assertTrue(logsEventually(dir, "found="), "output of the renewed container");
      String logs = jc.ok(dir, "logs", "db").stdout();
      assertTrue(logs.strip().endsWith("found="), "-V gives a new, empty anonymous volume: " + logs);
    } finally {
      jc.run(dir, "down", "-v", "-t", "1");
    }
  }

  private static boolean logsEventually(Path dir, String text) throws Exception {
    for (int i = 0; i < 50; i++) {
      if (jc.ok(dir, "logs", "db").stdout().contains(text)) {
        return true;
      }
      Thread.sleep(100);
    }
    return false;
  }

  @Test
  void scale_upAndDown_byNumber() throws Exception {
    Path dir = project("scale", "services:\n  w:\n" + SERVICE);
    try {
      jc.ok(dir, "up", "-d", "--scale", "w=3");
      assertEquals(List.of("scale-w-1", "scale-w-2", "scale-w-3"), names(dir));
      jc.ok(dir, "up", "-d", "--scale", "w=1");
      assertEquals(List.of("scale-w-1"), names(dir));
    } finally {
      jc.run(dir, "down", "-t", "1");
    }
  }

  @Test
  void orphans_areReported_andRemovedOnRequest() throws Exception {
    Path dir = project("orph", "services:\n  keep:\n" + SERVICE + "  gone:\n" + SERVICE);
    try {
      jc.ok(dir, "up", "-d");
      Files.writeString(dir.resolve("compose.yaml"), "services:\n  keep:\n" + SERVICE);
      String warned = jc.ok(dir, "up", "-d").all();
      assertTrue(warned.contains("Found orphan containers (orph-gone-1)"), warned);
      String removed = jc.ok(dir, "up", "-d", "--remove-orphans").stdout();
      assertTrue(removed.contains("orph-gone-1  Removed"), removed);
      assertEquals(List.of("orph-keep-1"), names(dir));
    } finally {
      jc.run(dir, "down", "-t", "1", "--remove-orphans");
    }
  }

  @Test
  void lifecycleCommands_actOnTheNamedServices() throws Exception {
    Path dir = project("life", "services:\n  a:\n" + SERVICE + "  b:\n" + SERVICE + "    depends_on: [a]\n");
    try {
      jc.ok(dir, "up", "-d");
      jc.ok(dir, "stop", "a");
      assertEquals(List.of(), lines(jc.ok(dir, "ps", "-q").stdout()), "stopping a also stops b, which depends on it");
      jc.ok(dir, "start");
      assertEquals(2, lines(jc.ok(dir, "ps", "-q").stdout()).size());
      jc.ok(dir, "kill", "-s", "TERM", "b");
      assertEquals(List.of("life-a-1"), lines(jc.ok(dir, "ps", "--services").stdout()).stream().map(s -> "life-" + s + "-1").toList());
      String ls = jc.ok(dir, "ls", "-a").stdout();
      assertTrue(ls.contains("life") && ls.contains("exited(1), running(1)"), ls);
      jc.ok(dir, "rm", "-f", "b");
      assertEquals(List.of("life-a-1"), names(dir));
    } finally {
      jc.run(dir, "down", "-t", "1");
    }
  }

  private static List<String> names(Path dir) throws Exception {
    return lines(jc.ok(dir, "ps", "-a").stdout()).stream().skip(1).map(l -> l.split("\\s+")[0]).sorted().toList();
  }
}
