package dev.jcompose.runtime.helper;

import java.io.BufferedInputStream;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * One running {@code jc-helper exec SPECFILE}: reads its two handshake lines
 * ({@link HelperProtocol}), then hands out its stdout, which carries the command's output as
 * Docker's multiplexed stream, and its exit value, which is the command's exit code.
 */
public final class HelperExecProcess {
  private final Process process;
  private final InputStream stdout;

  private HelperExecProcess(Process process) {
    this.process = process;
    this.stdout = new BufferedInputStream(process.getInputStream());
  }

  /** Starts the helper with an empty environment and its stderr appended to {@code stderrLog}. */
  public static HelperExecProcess start(Path binary, Path specFile, Path stderrLog) throws IOException {
    ProcessBuilder pb = new ProcessBuilder(List.of(binary.toString(), "exec", specFile.toString()));
    pb.environment().clear();
    pb.redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
    pb.redirectError(ProcessBuilder.Redirect.appendTo(stderrLog.toFile()));
    pb.directory(new File("/"));
    return new HelperExecProcess(pb.start());
  }

  /** The helper's next handshake line ({@code pid N}, {@code started} or {@code error MSG}). */
  public HelperProtocol.Reply readReply() throws IOException {
    return HelperProtocol.parse(HelperProtocol.readLine(stdout));
  }

  /** After {@code started}: the command's output as frames, until it exits. */
  public InputStream output() {
    return stdout;
  }

  /** Completes with the helper's exit value: the command's exit code once it started. */
  public CompletableFuture<Integer> exitCode() {
    return process.onExit().thenApply(Process::exitValue);
  }

  /** Kills the helper itself (not the command); for when its caller gives up. */
  public void destroyForcibly() {
    process.destroyForcibly();
  }
}
