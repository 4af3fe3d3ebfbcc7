package dev.jcompose.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ExitStatusTest {
  @TempDir Path dir;

  @Test
  void read_parsesTheHelpersFile() throws IOException {
    Path f = dir.resolve("exit.json");
    Files.writeString(f, "{\"exitCode\":137,\"signal\":9,\"finishedAt\":\"2026-11-23T10:00:00.123456789Z\"}\n");
    assertEquals(new ExitStatus(137, 9, true, Instant.parse("2026-11-23T10:00:00.123456789Z")), ExitStatus.read(f, true));
  }

  @Test
  void read_incompleteFile_isAnError() throws IOException {
    Path f = dir.resolve("exit.json");
    Files.writeString(f, "{\"signal\":0}");
    IOException e = assertThrows(IOException.class, () -> ExitStatus.read(f, false));
    assertEquals(f + " is not an exit status file: {\"signal\":0}", e.getMessage());
  }
}
