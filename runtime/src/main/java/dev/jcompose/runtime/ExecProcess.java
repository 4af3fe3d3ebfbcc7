package dev.jcompose.runtime;

import dev.jcompose.runtime.helper.HelperExecProcess;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.concurrent.CompletableFuture;

/**
 * A process started by {@link ContainerRuntime#exec}: it runs in the container's namespaces and
 * cgroup. Its stdout and stderr arrive on {@link #output()} as Docker's multiplexed stream
 * (stream 1 stdout, 2 stderr); read it to the end, or the process blocks once the pipe is full.
 */
public final class ExecProcess {
  private final HelperExecProcess helper;
  private final long pid;

  ExecProcess(HelperExecProcess helper, long pid) {
    this.helper = helper;
    this.pid = pid;
  }

  /** The process, as the host sees it. */
  public long pid() {
    return pid;
  }

  /** The command's output as frames ({@code dev.jcompose.api.client.LogFrameDecoder}), until it exits. */
  public InputStream output() {
    return helper.output();
  }

  /** Copies {@link #output()} to {@code out} as it comes, until the command exits; then waits for its exit code. */
  public int copyOutputTo(OutputStream out) throws IOException, InterruptedException {
    output().transferTo(out);
    return awaitExit();
  }

  /** Reads and drops the output, then waits for the exit code (for a detached exec). */
  public int discardOutput() throws IOException, InterruptedException {
    return copyOutputTo(OutputStream.nullOutputStream());
  }

  /** Completes with the exit code: the command's, 128+S when a signal S killed it. */
  public CompletableFuture<Integer> exitCode() {
    return helper.exitCode();
  }

  private int awaitExit() throws InterruptedException {
    try {
      return exitCode().get();
    } catch (java.util.concurrent.ExecutionException e) {
      throw new IllegalStateException("waiting for exec process " + pid + " failed", e.getCause());
    }
  }
}
