package dev.jcompose.cli.output;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ProgressTest {
  private ByteArrayOutputStream bytes;
  private Progress progress;

  @BeforeEach
  void setUp() {
    bytes = new ByteArrayOutputStream();
    progress = new Progress(new PrintStream(bytes, true, StandardCharsets.UTF_8));
  }

  private String out() {
    return bytes.toString(StandardCharsets.UTF_8);
  }

  @Test
  void done_hasCheckMark() {
    progress.done("Container", "shop-web-1", "Started");
    assertEquals(" \u2714 Container shop-web-1  Started" + System.lineSeparator(), out());
  }

  @Test
  void working_isIndentedUnderTheMark() {
    progress.working("Network", "shop_default", "Creating");
    assertEquals("   Network shop_default  Creating" + System.lineSeparator(), out());
  }

  @Test
  void failed_hasCrossAndError() {
    progress.failed("Container", "shop-db-1", "port 5432 is already allocated");
    assertEquals(" \u2718 Container shop-db-1  Error: port 5432 is already allocated" + System.lineSeparator(), out());
  }

  @Test
  void warn_isComposeWarnPrefix() {
    progress.warn("Found orphan containers");
    assertEquals("WARN[0000] Found orphan containers" + System.lineSeparator(), out());
  }

  @Test
  void parallelTasks_neverInterleaveWithinALine() throws InterruptedException {
    List<Thread> threads = new ArrayList<>();
    for (int t = 0; t < 8; t++) {
      int n = t;
      Thread th = new Thread(() -> {
        for (int i = 0; i < 50; i++) {
          progress.done("Container", "p-s" + n + "-" + i, "Started");
        }
      });
      th.start();
      threads.add(th);
    }
    for (Thread th : threads) {
      th.join();
    }
    List<String> lines = out().lines().toList();
    assertEquals(400, lines.size());
    for (String line : lines) {
      assertEquals(true, line.matches(" \u2714 Container p-s[0-7]-[0-9]+  Started"), line);
    }
  }
}
