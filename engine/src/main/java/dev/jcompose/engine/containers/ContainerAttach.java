package dev.jcompose.engine.containers;

import dev.jcompose.api.client.LogFrameDecoder;
import dev.jcompose.engine.http.ApiException;
import dev.jcompose.engine.http.ApiResponse;
import dev.jcompose.runtime.ContainerLogReader;
import dev.jcompose.runtime.LogEntry;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.function.BooleanSupplier;

/**
 * {@code POST /containers/{id}/attach} for stdout and stderr: what the container writes from now
 * on (with {@code logs=1} its whole log first), in Docker's multiplexed frames (1 stdout, 2
 * stderr), until it exits or is removed. {@code docker run} without {@code -d} attaches before it
 * starts the container, so a container that is not running yet is followed through its start.
 * The output comes from the json-file log the monitor writes, so it is line-buffered. Not yet:
 * stdin ({@code docker run -i}) and a TTY ({@code docker run -t}): both are refused with a message.
 */
public final class ContainerAttach {
  /** Docker's name for the multiplexed stream of API 1.41. */
  static final String RAW_STREAM = "application/vnd.docker.raw-stream";
  private final ContainerService containers;

  public ContainerAttach(ContainerService containers) {
    this.containers = containers;
  }

  public ApiResponse attach(String idOrName, boolean stream, boolean logs, boolean stdin, boolean stdout, boolean stderr) {
    Container c = containers.require(idOrName);
    if (stdin) {
      throw ApiException.badRequest("attaching to the stdin of container " + c.record().name()
          + " is not supported yet: jcompose containers read no input; run without -i (or attach with stdin=0)");
    }
    if (Boolean.TRUE.equals(c.record().config().tty())) {
      throw ApiException.badRequest("attaching to container " + c.record().name() + " needs a TTY (it was created with Tty), "
          + "which jcompose does not support yet; create it without -t, or read its output with logs -f");
    }
    ContainerLogReader reader = ContainerLogReader.of(c.stateDir());
    long from = logs ? 0 : reader.size();
    Instant since = Instant.now();
    String id = c.record().id();
    // done once it has exited (or failed to start) after this call, or was removed
    BooleanSupplier finished = () -> !stream || !containers.exists(id)
        || (c.running() == null && c.record().state().finishedAt() != null && !c.record().state().finishedAt().isBefore(since)
            && !c.record().state().status().equals("restarting"));
    c.attachStarted(); // from now: AutoRemove must not delete the log before this stream has read it
    return new ApiResponse.Hijacked(RAW_STREAM, out -> {
      try {
        reader.followFrom(from, finished, e -> write(out, e, stdout, stderr));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      } finally {
        c.attachEnded();
      }
    });
  }

  private static boolean write(OutputStream out, LogEntry e, boolean stdout, boolean stderr) {
    boolean isErr = "stderr".equals(e.stream());
    if (isErr ? !stderr : !stdout) {
      return true;
    }
    try {
      out.write(LogFrameDecoder.encode(isErr ? 2 : 1, e.text().getBytes(StandardCharsets.UTF_8)));
      return true;
    } catch (IOException ex) {
      return false; // the client went away
    }
  }
}
