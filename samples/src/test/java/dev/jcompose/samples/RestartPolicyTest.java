package dev.jcompose.samples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jcompose.api.client.EngineClient;
import dev.jcompose.api.model.ContainerInspect;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** Restart policies on the real engine: on-failure:N gives up after N restarts; always restarts until stopped. */
@Tag("root")
class RestartPolicyTest {
  private static BusyboxEngine engine;
  private static Path state;
  private static JcomposeRunner jc;

  @BeforeAll
  static void engineAndImage() throws Exception {
    engine = BusyboxEngine.start("jcrestart-", Map.of());
    state = engine.state();
    jc = engine.jc();
  }

  @AfterAll
  static void stopEngine() throws Exception {
    if (engine != null) {
      engine.close();
    }
  }


  private static ContainerInspect awaitState(String name, java.util.function.Predicate<ContainerInspect> done) throws Exception {
    EngineClient engine = new EngineClient(jc.socket());
    ContainerInspect c = engine.inspectContainer(name);
    for (int i = 0; i < 150 && !done.test(c); i++) {
      Thread.sleep(100);
      c = engine.inspectContainer(name);
    }
    return c;
  }

  @Test
  void onFailure3_restartsThreeTimes_thenGivesUp() throws Exception {
    Path dir = Files.createDirectories(state.resolve("onfail"));
    Files.writeString(dir.resolve("compose.yaml"),
        "services:\n  crash:\n    image: busybox:latest\n    command: [\"sh\", \"-c\", \"echo try; exit 3\"]\n    restart: on-failure:3\n");
    try {
      jc.ok(dir, "up", "-d");
      ContainerInspect c = awaitState("onfail-crash-1", i -> i.restartCount() == 3 && "exited".equals(i.state().status()));
      assertEquals(3, c.restartCount(), "restarted exactly 3 times");
      assertEquals("exited", c.state().status());
      assertEquals(3, c.state().exitCode());
      Thread.sleep(1500);
      assertEquals(3, new EngineClient(jc.socket()).inspectContainer("onfail-crash-1").restartCount(), "and not a fourth time");
      assertEquals(4, jc.ok(dir, "logs", "--no-log-prefix", "crash").stdout().lines().filter(l -> l.equals("try")).count());
    } finally {
      jc.run(dir, "down", "-t", "0");
    }
  }

  @Test
  void always_restartsAfterAnExit_untilStopped() throws Exception {
    Path dir = Files.createDirectories(state.resolve("always"));
    Files.writeString(dir.resolve("compose.yaml"),
        "services:\n  blink:\n    image: busybox:latest\n    command: [\"sh\", \"-c\", \"sleep 0.2; exit 0\"]\n    restart: always\n");
    try {
      jc.ok(dir, "up", "-d");
      ContainerInspect c = awaitState("always-blink-1", i -> i.restartCount() >= 2);
      assertTrue(c.restartCount() >= 2, "restarted after clean exits: " + c.restartCount());
      jc.ok(dir, "stop", "-t", "1");
      Thread.sleep(1000);
      ContainerInspect stopped = new EngineClient(jc.socket()).inspectContainer("always-blink-1");
      int count = stopped.restartCount();
      Thread.sleep(1500);
      ContainerInspect later = new EngineClient(jc.socket()).inspectContainer("always-blink-1");
      assertEquals("exited", later.state().status(), "a stopped container stays stopped");
      assertEquals(count, later.restartCount());
    } finally {
      jc.run(dir, "down", "-t", "0");
    }
  }
}
