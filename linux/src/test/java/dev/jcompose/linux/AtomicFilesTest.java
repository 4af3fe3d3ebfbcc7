package dev.jcompose.linux;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AtomicFilesTest {
  @Test
  void write_replacesContentAndLeavesNoTempFile(@TempDir Path dir) throws Exception {
    Path f = dir.resolve("sub/state.json");
    AtomicFiles.write(f, "one".getBytes(StandardCharsets.UTF_8));
    AtomicFiles.write(f, "two".getBytes(StandardCharsets.UTF_8));
    assertEquals("two", Files.readString(f));
    try (var s = Files.list(f.getParent())) {
      assertEquals(1, s.count());
    }
  }

  @Test
  void delete_removesTheFile_andAbsentIsFine(@TempDir Path dir) throws Exception {
    Path f = dir.resolve("mark");
    AtomicFiles.write(f, new byte[0]);
    AtomicFiles.delete(f);
    AtomicFiles.delete(f);
    assertFalse(Files.exists(f));
  }
}
