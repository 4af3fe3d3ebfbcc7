package dev.jcompose.runtime.helper;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * One running {@code jc-helper run SPECFILE}: the engine's end of the handshake in
 * {@link HelperProtocol}. After {@code started} the helper is the container's monitor; this
 * object then only tells when it exits.
 */
public final class HelperProcess {
  private final Process process;
  private final BufferedReader replies;
  private final OutputStream commands;

  private HelperProcess(Process process) {
    this.process = process;
    this.replies = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
    this.commands = process.getOutputStream();
  }

  /**
   * Starts the helper with an empty environment (the container's comes from the spec) and its
   * stderr appended to {@code stderrLog}.
   */
  public static HelperProcess start(Path binary, Path specFile, Path stderrLog) throws IOException {
    ProcessBuilder pb = new ProcessBuilder(List.of(binary.toString(), "run", specFile.toString()));
    pb.environment().clear();
    pb.redirectError(ProcessBuilder.Redirect.appendTo(stderrLog.toFile()));
    pb.directory(new java.io.File("/")); // pins no directory while it runs as the monitor
    return new HelperProcess(pb.start());
  }

  /** The helper's pid; once the container started, the monitor's pid. */
  public long pid() {
    return process.pid();
  }

  /** Blocks for the helper's next line. */
  public HelperProtocol.Reply readReply() throws IOException {
    return HelperProtocol.parse(replies.readLine());
  }

  /** Sends {@link HelperProtocol#GO} or {@link HelperProtocol#ABORT}. */
  public void send(String command) throws IOException {
    commands.write((command + "\n").getBytes(StandardCharsets.US_ASCII));
    commands.flush();
  }

  /** Closes the engine's ends of the helper's stdin and stdout; the helper keeps running. */
  public void closePipes() {
    try {
      commands.close();
    } catch (IOException ignored) {
      // the helper already closed its end
    }
    try {
      replies.close();
    } catch (IOException ignored) {
      // nothing left to read
    }
  }

  /** Completes when the helper (the monitor) exits. */
  public CompletableFuture<Process> onExit() {
    return process.onExit();
  }

  /** Waits up to {@code timeout} for the helper to exit; true when it did. */
  public boolean waitFor(Duration timeout) throws InterruptedException {
    return process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
  }

  /** Kills the helper itself (not the container); for when it no longer answers. */
  public void destroyForcibly() {
    process.destroyForcibly();
  }
}
