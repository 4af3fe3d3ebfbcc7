package dev.jcompose.runtime;

import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;

/**
 * A started container: its init ({@link #pid()}) and its monitor ({@link #monitorPid()}, the
 * jc-helper that holds its output pipes, writes its log and exit status). Save both pids (and
 * the state dir) to {@link ContainerRuntime#reattach} after an engine restart.
 */
public final class RunningContainer {
  private final Path stateDir;
  private final long pid;
  private final long monitorPid;
  private final CompletableFuture<ExitStatus> exited;

  RunningContainer(Path stateDir, long pid, long monitorPid, CompletableFuture<ExitStatus> exited) {
    this.stateDir = stateDir;
    this.pid = pid;
    this.monitorPid = monitorPid;
    this.exited = exited;
  }

  public Path stateDir() {
    return stateDir;
  }

  /** The container's init, as the host sees it. */
  public long pid() {
    return pid;
  }

  public long monitorPid() {
    return monitorPid;
  }

  /**
   * Completes when the monitor has written the exit status (with {@code oomKilled} read from
   * the cgroup, which is still there until {@link ContainerRuntime#cleanup}); fails with
   * {@link ContainerStateException} when the monitor died without writing it.
   */
  public CompletableFuture<ExitStatus> exited() {
    return exited;
  }

  /** The container's log ({@link ContainerLogReader}). */
  public ContainerLogReader logs() {
    return ContainerLogReader.of(stateDir);
  }
}
