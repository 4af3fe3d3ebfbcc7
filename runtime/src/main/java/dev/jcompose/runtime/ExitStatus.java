package dev.jcompose.runtime;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;

/**
 * How a container ended, as Docker's State reports it: {@code exitCode} is 128 + the signal
 * when a signal killed the init ({@code signal} then says which); {@code oomKilled} is true when
 * the kernel's OOM killer killed any process of the container (read from its cgroup).
 */
public record ExitStatus(int exitCode, int signal, boolean oomKilled, Instant finishedAt) {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** Reads the exit status file jc-helper wrote: {@code {"exitCode":N,"signal":S,"finishedAt":"..."}}. */
  static ExitStatus read(Path exitFile, boolean oomKilled) throws IOException {
    JsonNode n = JSON.readTree(exitFile.toFile());
    if (n == null || !n.has("exitCode") || !n.has("finishedAt")) {
      throw new IOException(exitFile + " is not an exit status file: " + n);
    }
    return new ExitStatus(n.get("exitCode").asInt(), n.path("signal").asInt(0), oomKilled,
        Instant.parse(n.get("finishedAt").asText()));
  }
}
