package dev.jcompose.engine.containers;

import java.time.Instant;

/** A container's life as Docker reports it in {@code State}. Status: created, running, exited, dead. */
public record RunState(
    String status,
    long pid,
    long monitorPid,
    int exitCode,
    boolean oomKilled,
    String error,
    Instant startedAt,
    Instant finishedAt) {

  public static RunState created() {
    return new RunState("created", 0, 0, 0, false, "", null, null);
  }

  public RunState running(long pid, long monitorPid, Instant at) {
    return new RunState("running", pid, monitorPid, 0, false, "", at, null);
  }

  public RunState exited(int code, boolean oom, Instant at) {
    return new RunState("exited", 0, 0, code, oom, error, startedAt, at);
  }

  public RunState failed(String message, int code) {
    return new RunState(startedAt == null ? "created" : "exited", 0, 0, code, false, message, startedAt, Instant.now());
  }

  public boolean isRunning() {
    return status.equals("running");
  }
}
