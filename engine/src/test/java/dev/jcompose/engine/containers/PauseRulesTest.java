package dev.jcompose.engine.containers;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jcompose.engine.StateStore;
import java.nio.file.Files;
import java.nio.file.Path;
import dev.jcompose.engine.http.ApiException;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.api.io.TempDir;

/** pause/unpause: state transitions and dockerd's messages. */
class PauseRulesTest {
  static final String ID = "0123456789ab0123456789ab0123456789ab0123456789ab0123456789abcdef";
  static final Instant T0 = Instant.parse("2024-05-01T10:00:00Z");

  static RunState running() {
    return RunState.created().running(42, 41, T0);
  }

  static void assertConflict(String message, Executable e) {
    ApiException x = assertThrows(ApiException.class, e);
    assertEquals(409, x.status());
    assertEquals(message, x.getMessage());
  }

  @Test
  void pause_running_isAllowed_andReportsPaused() {
    assertDoesNotThrow(() -> PauseRules.checkPause(ID, running(), true));
    RunState p = running().withPaused(true);
    assertTrue(p.isRunning(), "State.Running stays true while paused, as in Docker");
    assertTrue(p.paused());
    assertEquals("paused", p.apiStatus());
    assertEquals("running", p.status(), "the record keeps the process state underneath");
    assertEquals("running", p.withPaused(false).apiStatus());
  }

  @Test
  void pause_notRunning_alreadyPaused_restarting_areConflicts() {
    assertConflict("Container " + ID + " is not running", () -> PauseRules.checkPause(ID, RunState.created(), false));
    assertConflict("Container " + ID + " is not running",
        () -> PauseRules.checkPause(ID, running().exited(0, false, T0.plusSeconds(1)), false));
    assertConflict("Container " + ID + " is already paused", () -> PauseRules.checkPause(ID, running().withPaused(true), true));
    assertConflict("Container " + ID + " is restarting, wait until the container is running",
        () -> PauseRules.checkPause(ID, running().exited(1, false, T0.plusSeconds(1)).restarting(), false));
  }

  @Test
  void unpause_onlyAPausedContainer() {
    assertDoesNotThrow(() -> PauseRules.checkUnpause(ID, running().withPaused(true), true));
    assertConflict("Container " + ID + " is not paused", () -> PauseRules.checkUnpause(ID, running(), true));
    assertConflict("Container " + ID + " is not paused", () -> PauseRules.checkUnpause(ID, RunState.created(), false));
  }

  @Test
  void start_ofAPausedContainer_saysUnpause() {
    assertConflict("cannot start a paused container, try unpause instead", () -> PauseRules.checkStart(running().withPaused(true)));
    assertDoesNotThrow(() -> PauseRules.checkStart(running()));
  }

  @Test
  void exitOrRestart_clearsPaused_otherChangesKeepIt() {
    RunState p = running().withPaused(true);
    assertFalse(p.exited(137, false, T0.plusSeconds(5)).paused());
    assertFalse(p.failed("boom", 1).paused());
    assertFalse(p.restarting().paused());
    assertFalse(p.running(43, 44, T0.plusSeconds(9)).paused());
    assertTrue(p.withRestartCount(3).paused());
    assertTrue(p.withManuallyStopped(true).paused());
  }

  @Test
  void kill_thawsForKillAndTheStopSignal_orAnySignalWithoutOne() {
    assertTrue(PauseRules.thawsOnKill(9, "SIGQUIT"));
    assertTrue(PauseRules.thawsOnKill(3, "SIGQUIT"));
    assertFalse(PauseRules.thawsOnKill(1, "SIGQUIT"));
    assertTrue(PauseRules.thawsOnKill(1, null));
    assertTrue(PauseRules.thawsOnKill(15, ""));
  }

  @Test
  void statusText_isDockers_UpForX_Paused() {
    RunState p = RunState.created().running(42, 41, Instant.now().minusSeconds(30)).withPaused(true);
    assertEquals("Up 30 seconds (Paused)", ContainerService.statusText(p));
    assertEquals("Up 30 seconds", ContainerService.statusText(p.withPaused(false)));
  }

  @Test
  void pausedFlag_isPersisted_andOldRecordsReadAsNotPaused(@TempDir Path tmp) throws Exception {
    RunState p = running().withPaused(true);
    StateStore.write(tmp.resolve("state.json"), p);
    assertEquals(p, StateStore.read(tmp.resolve("state.json"), RunState.class));
    String old = "{\"status\":\"running\",\"pid\":42,\"monitorPid\":41,\"exitCode\":0,\"oomKilled\":false,\"error\":\"\","
        + "\"startedAt\":\"2024-05-01T10:00:00Z\",\"finishedAt\":null,\"restartCount\":0,\"manuallyStopped\":false}";
    Files.writeString(tmp.resolve("old.json"), old);
    RunState read = StateStore.read(tmp.resolve("old.json"), RunState.class);
    assertFalse(read.paused());
    assertEquals("running", read.apiStatus());
  }
}
