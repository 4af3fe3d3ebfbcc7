package dev.jcompose.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** {@code docker pause}: the freezer stops a busy container's CPU use; thawed it runs again. */
class PauseRootTest extends BusyboxRootTest {
  private static long cpu(ContainerSpec spec) {
    return runtime.stats(spec.stateDir()).cpuUsageNanos();
  }

  @Test
  void frozen_busyLoopUsesNoCpu_thawedItRunsAgain() throws Exception {
    ContainerSpec spec = containers.shell("while :; do :; done");
    RunningContainer c = containers.start(spec);
    Thread.sleep(200);
    long before = cpu(spec);
    assertTrue(before > 0, "the loop burns CPU: " + before);

    runtime.pause(spec.stateDir());
    assertTrue(runtime.isPaused(spec.stateDir()));
    long frozenAt = cpu(spec);
    Thread.sleep(500);
    long frozenLater = cpu(spec);
    assertTrue(frozenLater - frozenAt < 5_000_000, "frozen: no more than 5 ms of CPU in 500 ms, got " + (frozenLater - frozenAt) + " ns");

    runtime.resume(spec.stateDir());
    assertFalse(runtime.isPaused(spec.stateDir()));
    Thread.sleep(300);
    long thawed = cpu(spec);
    assertTrue(thawed - frozenLater > 100_000_000, "thawed: the loop runs again, used " + (thawed - frozenLater) + " ns in 300 ms");

    runtime.kill(c.pid(), 9);
    assertEquals(137, c.exited().get(10, TimeUnit.SECONDS).exitCode());
    containers.cleanupAndCheck(spec, c);
  }

  @Test
  void frozenContainer_isCleanedUp_afterTheKill() throws Exception {
    ContainerSpec spec = containers.shell("while :; do :; done");
    RunningContainer c = containers.start(spec);
    runtime.pause(spec.stateDir());
    // as dockerd: thaw, then signal (a frozen v1 task does not act on SIGKILL until thawed)
    runtime.resume(spec.stateDir());
    runtime.kill(c.pid(), 9);
    c.exited().get(10, TimeUnit.SECONDS);
    containers.cleanupAndCheck(spec, c);
    assertThrows(ContainerStateException.class, () -> runtime.pause(spec.stateDir()), "no cgroup after cleanup");
  }
}
