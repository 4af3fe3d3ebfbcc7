package dev.jcompose.engine.containers;

import dev.jcompose.api.client.LogFrameDecoder;
import dev.jcompose.engine.http.ApiException;
import dev.jcompose.engine.http.ApiResponse;
import dev.jcompose.runtime.ContainerLogReader;
import dev.jcompose.runtime.LogEntry;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** {@code GET /containers/{id}/logs}: the json-file log as Docker's multiplexed stream, optionally followed. */
public final class ContainerLogs {

  public ApiResponse stream(Container c, boolean follow, String tail, boolean timestamps, boolean stdout, boolean stderr) {
    int lines = parseTail(tail);
    ContainerLogReader reader = ContainerLogReader.of(c.stateDir());
    return new ApiResponse.Streaming(200, "application/vnd.docker.raw-stream", out -> {
      boolean followNow = follow && c.record().state().isRunning();
      if (!followNow) {
        for (LogEntry e : reader.read(lines)) {
          write(out, e, timestamps, stdout, stderr);
        }
        return;
      }
      try {
        reader.follow(lines, e -> {
          try {
            write(out, e, timestamps, stdout, stderr);
            return true;
          } catch (IOException ex) {
            return false; // the client went away
          }
        });
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    });
  }

  private static void write(OutputStream out, LogEntry e, boolean timestamps, boolean stdout, boolean stderr) throws IOException {
    boolean isErr = "stderr".equals(e.stream());
    if (isErr ? !stderr : !stdout) {
      return;
    }
    String text = timestamps ? e.time() + " " + e.text() : e.text();
    out.write(LogFrameDecoder.encode(isErr ? 2 : 1, text.getBytes(StandardCharsets.UTF_8)));
  }

  static int parseTail(String tail) {
    if (tail == null || tail.isEmpty() || tail.equals("all")) {
      return -1;
    }
    try {
      int n = Integer.parseInt(tail);
      return n < 0 ? -1 : n; // Docker reads a negative tail as "all"
    } catch (NumberFormatException e) {
      throw ApiException.badRequest("tail must be a number of lines or \"all\", got " + tail);
    }
  }

  static UncheckedIOException unchecked(IOException e) {
    return new UncheckedIOException(e);
  }
}
