package dev.jcompose.engine.containers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jcompose.api.model.Health;
import dev.jcompose.api.model.HealthConfig;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class HealthStateTest {
  private static Health.Result result(int code) {
    return new Health.Result("s", "e", code, "");
  }

  @Test
  void record_retriesFailuresMakeUnhealthy_oneSuccessHealthy() {
    HealthState h = new HealthState();
    assertFalse(h.record(result(1), false, 3));
    assertFalse(h.record(result(1), false, 3));
    assertTrue(h.record(result(1), false, 3));
    assertEquals("unhealthy", h.status());
    assertTrue(h.record(result(0), false, 3));
    assertEquals("healthy", h.status());
    assertEquals(0, h.toApi().failingStreak());
  }

  @Test
  void record_failuresInTheStartPeriod_doNotCount() {
    HealthState h = new HealthState();
    for (int i = 0; i < 10; i++) {
      h.record(result(1), true, 3);
    }
    assertEquals("starting", h.status());
  }

  @Test
  void record_keepsTheLastFiveResults() {
    HealthState h = new HealthState();
    for (int i = 0; i < 8; i++) {
      h.record(result(i == 7 ? 0 : 1), false, 100);
    }
    assertEquals(5, h.results().size());
    assertEquals(0, h.results().get(4).exitCode());
  }

  @Test
  void argv_cmd_cmdShell_none() {
    assertEquals(List.of("pg_isready", "-U", "x"), HealthChecks.argv(new HealthConfig(List.of("CMD", "pg_isready", "-U", "x"), null, null, null, null, null)));
    assertEquals(List.of("/bin/sh", "-c", "curl -f localhost"), HealthChecks.argv(new HealthConfig(List.of("CMD-SHELL", "curl -f localhost"), null, null, null, null, null)));
    assertEquals(List.of(), HealthChecks.argv(new HealthConfig(List.of("NONE"), null, null, null, null, null)));
    assertEquals(List.of(), HealthChecks.argv(null));
  }

  @Test
  void firstDelay_usesTheStartIntervalDuringAStartPeriod() {
    HealthConfig h = new HealthConfig(List.of("CMD", "true"), Duration.ofSeconds(30).toNanos(), null, Duration.ofSeconds(60).toNanos(),
        Duration.ofSeconds(2).toNanos(), null);
    assertEquals(Duration.ofSeconds(2), HealthChecks.firstDelay(h));
    assertEquals(Duration.ofSeconds(30), HealthChecks.firstDelay(new HealthConfig(List.of("CMD", "true"), null, null, null, null, null)));
  }

  @org.junit.jupiter.api.Test
  void effective_imageHealthcheckFillsWhatTheContainerLeavesUnset() {
    var image = new dev.jcompose.image.ImageConfig.HealthConfig(List.of("CMD", "check"), 5_000_000_000L, null, null, null, 7);
    assertEquals(new HealthConfig(List.of("CMD", "check"), 5_000_000_000L, null, null, null, 7), HealthChecks.effective(null, image));
    assertEquals(new HealthConfig(List.of("CMD", "check"), 1_000_000_000L, null, null, null, 7),
        HealthChecks.effective(new HealthConfig(null, 1_000_000_000L, null, null, null, null), image));
    HealthConfig own = new HealthConfig(List.of("NONE"), null, null, null, null, null);
    assertEquals(List.of(), HealthChecks.argv(HealthChecks.effective(own, image)), "a container's NONE disables the image's check");
    assertEquals(own, HealthChecks.effective(own, null));
  }
}
