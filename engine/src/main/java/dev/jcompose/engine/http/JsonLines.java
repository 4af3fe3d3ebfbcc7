package dev.jcompose.engine.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/** Docker's streamed progress answers (pull, build): one JSON object per line, each flushed at once. */
public final class JsonLines {
  private static final ObjectMapper JSON = JsonMapper.builder().build();

  private JsonLines() {}

  /**
   * Writes {@code line} and flushes.
   *
   * @param during what the stream is for ("the pull"), for the message when the client has gone
   */
  public static void write(OutputStream out, Map<String, Object> line, String during) {
    synchronized (out) {
      try {
        out.write(JSON.writeValueAsBytes(line));
        out.write("\r\n".getBytes(StandardCharsets.US_ASCII));
        out.flush();
      } catch (IOException e) {
        throw new UncheckedIOException("the client went away during " + during + ": " + e.getMessage(), e);
      }
    }
  }

  /** Docker's error line: {@code {"error":…,"errorDetail":{"message":…}}}. */
  public static void error(OutputStream out, String message, String during) {
    write(out, Map.of("error", message, "errorDetail", Map.of("message", message)), during);
  }
}
