package dev.jcompose.engine.containers;

import dev.jcompose.engine.http.ApiException;

/** dockerd's rules for pause and unpause (daemon/pause.go, unpause.go, kill.go), with its messages. */
final class PauseRules {
  private PauseRules() {}

  /** Throws dockerd's 409 when a container in state {@code s} cannot be paused; {@code hasProcess}: the engine holds its process. */
  static void checkPause(String id, RunState s, boolean hasProcess) {
    if (s.status().equals("restarting")) {
      throw ApiException.conflict("Container " + id + " is restarting, wait until the container is running");
    }
    if (!hasProcess || !s.isRunning()) {
      throw ApiException.conflict("Container " + id + " is not running");
    }
    if (s.paused()) {
      throw ApiException.conflict("Container " + id + " is already paused");
    }
  }

  static void checkUnpause(String id, RunState s, boolean hasProcess) {
    if (!hasProcess || !s.isRunning() || !s.paused()) {
      throw ApiException.conflict("Container " + id + " is not paused");
    }
  }

  /** {@code POST /start} of a paused container. */
  static void checkStart(RunState s) {
    if (s.isRunning() && s.paused()) {
      throw ApiException.conflict("cannot start a paused container, try unpause instead");
    }
  }

  /**
   * Whether a kill with {@code signal} thaws a paused container (so the signal is acted on): as
   * dockerd, for SIGKILL and the container's stop signal, and for any signal when it has none set.
   */
  static boolean thawsOnKill(int signal, String stopSignal) {
    if (signal == 9 || stopSignal == null || stopSignal.isEmpty()) {
      return true;
    }
    try {
      return SignalNames.parse(stopSignal) == signal;
    } catch (IllegalArgumentException e) {
      return true;
    }
  }
}
