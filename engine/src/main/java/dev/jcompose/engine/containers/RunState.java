package dev.jcompose.engine.containers;

import java.time.Instant;

/**
 * A container's life as Docker reports it in {@code State}. Status: created, running, restarting,
 * exited, dead (and "paused", see {@link #apiStatus()}). {@code manuallyStopped} is set by stop and kill through the API, so restart
 * policies leave the container alone; {@code restartCount} counts restarts by policy.
 */
public record RunState(
    String status,
    long pid,
    long monitorPid,
    int exitCode,
    boolean oomKilled,
    String error,
    Instant startedAt,
    Instant finishedAt,
    int restartCount,
    boolean manuallyStopped,
    boolean paused) {

  public static RunState created() {
    return new RunState("created", 0, 0, 0, false, "", null, null, 0, false, false);
  }

  public RunState running(long pid, long monitorPid, Instant at) {
    return new RunState("running", pid, monitorPid, 0, false, "", at, null, restartCount, false, false);
  }

  public RunState exited(int code, boolean oom, Instant at) {
    return new RunState("exited", 0, 0, code, oom, error, startedAt, at, restartCount, manuallyStopped, false);
  }

  public RunState failed(String message, int code) {
    return new RunState(startedAt == null ? "created" : "exited", 0, 0, code, false, message, startedAt, Instant.now(),
        restartCount, manuallyStopped, false);
  }

  /** Waiting out the back-off before a restart by policy. */
  public RunState restarting() {
    return new RunState("restarting", 0, 0, exitCode, oomKilled, error, startedAt, finishedAt, restartCount, manuallyStopped, false);
  }

  public RunState withRestartCount(int n) {
    return new RunState(status, pid, monitorPid, exitCode, oomKilled, error, startedAt, finishedAt, n, manuallyStopped, paused);
  }

  public RunState withManuallyStopped(boolean stopped) {
    String s = stopped && status.equals("restarting") ? "exited" : status;
    return new RunState(s, pid, monitorPid, exitCode, oomKilled, error, startedAt, finishedAt, restartCount, stopped, paused);
  }

  /** Frozen by {@code docker pause} (it stays "running" underneath, as in Docker's State.Running). */
  public RunState withPaused(boolean p) {
    return new RunState(status, pid, monitorPid, exitCode, oomKilled, error, startedAt, finishedAt, restartCount, manuallyStopped, p);
  }

  /** State.Status as the API reports it: "paused" for a paused running container. */
  public String apiStatus() {
    return isRunning() && paused ? "paused" : status;
  }

  public boolean isRunning() {
    return status.equals("running");
  }
}
