package dev.jcompose.runtime;

import dev.jcompose.runtime.helper.HelperProcess;
import dev.jcompose.runtime.helper.HelperProtocol;
import java.io.IOException;
import java.time.Duration;

/**
 * A container whose init exists (in its namespaces and cgroup) but has not run anything yet:
 * it waits on jc-helper's sync pipe. Call {@link #start()} or {@link #abort()} exactly once.
 */
public final class PreparedContainer {
  private static final Duration HELPER_EXIT_TIMEOUT = Duration.ofSeconds(10);

  private final ContainerRuntime runtime;
  private final String id;
  private final ContainerFiles files;
  private final HelperProcess helper;
  private final long pid;
  /** The container ran before: its writable layer outlives a failed start or an abort. */
  private final boolean keepLayer;
  private boolean finished;

  PreparedContainer(ContainerRuntime runtime, String id, ContainerFiles files, HelperProcess helper, long pid, boolean keepLayer) {
    this.keepLayer = keepLayer;
    this.runtime = runtime;
    this.id = id;
    this.files = files;
    this.helper = helper;
    this.pid = pid;
  }

  public String id() {
    return id;
  }

  /** The init's pid on the host: {@code /proc/PID/ns/net} is its network namespace. */
  public long pid() {
    return pid;
  }

  /**
   * Lets the init set up its root filesystem and exec the command; returns once the exec
   * happened. On failure the container's cgroup and rootfs dirs are removed.
   *
   * @throws RuntimeSetupException with jc-helper's message, e.g. {@code exec "nosuch": No such file or directory}
   */
  public synchronized RunningContainer start() {
    markFinished();
    HelperProtocol.Reply reply;
    try {
      helper.send(HelperProtocol.GO);
      reply = helper.readReply();
    } catch (IOException e) {
      reply = new HelperProtocol.Closed();
    }
    helper.closePipes();
    if (reply instanceof HelperProtocol.Started) {
      return runtime.running(files, pid, helper.pid(), helper.onExit());
    }
    waitForExit(helper);
    throw runtime.startFailed(id, files, reply, keepLayer);
  }

  /**
   * Kills the waiting init and removes the container's cgroup and rootfs dirs. Does nothing after
   * {@link #start}, which cleans up itself when it fails: so a caller may abort in its error path
   * without hiding start's own error.
   */
  public synchronized void abort() {
    if (finished) {
      return;
    }
    markFinished();
    abort(helper);
    runtime.cleanupAfterAbort(id, files.stateDir(), keepLayer);
  }

  /** Tells the helper to kill its waiting init, and waits for both to be gone. */
  static void abort(HelperProcess helper) {
    try {
      helper.send(HelperProtocol.ABORT);
    } catch (IOException e) {
      // the helper is gone already; closing its stdin below is the same request
    }
    helper.closePipes();
    waitForExit(helper);
  }

  private static void waitForExit(HelperProcess helper) {
    try {
      if (!helper.waitFor(HELPER_EXIT_TIMEOUT)) {
        helper.destroyForcibly(); // its child then reads EOF on the sync pipe and exits
      }
    } catch (InterruptedException e) {
      helper.destroyForcibly();
      Thread.currentThread().interrupt();
    }
  }

  private void markFinished() {
    if (finished) {
      throw new IllegalStateException("container " + id + " was already started or aborted");
    }
    finished = true;
  }
}
