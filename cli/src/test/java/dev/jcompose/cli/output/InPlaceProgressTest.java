package dev.jcompose.cli.output;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class InPlaceProgressTest {
  private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
  private final AtomicLong nanos = new AtomicLong();
  private InPlaceProgress progress;

  @BeforeEach
  void setUp() {
    progress = new InPlaceProgress(new PrintStream(bytes, true, StandardCharsets.UTF_8), false, 60, nanos::get);
  }

  /** The screen a terminal shows after the output so far: cursor-up, erase-line and CR honoured. */
  private List<String> screen() {
    List<String> rows = new ArrayList<>();
    rows.add("");
    int row = 0;
    String s = bytes.toString(StandardCharsets.UTF_8);
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '\033') {
        int j = i + 2;
        while (!Character.isLetter(s.charAt(j))) {
          j++;
        }
        String arg = s.substring(i + 2, j);
        if (s.charAt(j) == 'A') {
          row -= Integer.parseInt(arg);
        } else if (s.charAt(j) == 'K') {
          rows.set(row, "");
        }
        i = j;
      } else if (c == '\r') {
        // column 0: the next erase-line clears it, as every redrawn line starts with one
      } else if (c == '\n') {
        row++;
        if (row == rows.size()) {
          rows.add("");
        }
      } else {
        rows.set(row, rows.get(row) + c);
      }
    }
    return rows.subList(0, rows.size() - 1);
  }

  @Test
  void oneLinePerObject_updatedInPlace_withItsTime() {
    progress.update("Network", "demo_default", "Creating", InPlaceProgress.State.WORKING);
    nanos.set(300_000_000L);
    progress.update("Network", "demo_default", "Created", InPlaceProgress.State.DONE);
    progress.update("Container", "demo-web-1", "Starting", InPlaceProgress.State.WORKING);
    nanos.set(1_500_000_000L);
    progress.update("Container", "demo-web-1", "Started", InPlaceProgress.State.DONE);

    List<String> screen = screen();
    assertEquals(3, screen.size(), String.join("\n", screen));
    assertEquals("[+] Running 2/2", screen.get(0));
    assertTrue(screen.get(1).startsWith(" \u2714 Network demo_default  Created"), screen.get(1));
    assertTrue(screen.get(1).endsWith("0.3s"), screen.get(1));
    assertTrue(screen.get(2).startsWith(" \u2714 Container demo-web-1  Started"), screen.get(2));
    assertTrue(screen.get(2).endsWith("1.2s"), screen.get(2));
    assertEquals(59, screen.get(2).length(), "the time ends at the right edge");
  }

  @Test
  void aWorkingLineSpins_andAFailedOneSaysWhy() {
    progress.update("Container", "demo-db-1", "Starting", InPlaceProgress.State.WORKING);
    assertTrue(progress.working());
    String before = screen().get(1);
    progress.tick();
    assertFalse(before.equals(screen().get(1)), "the spinner moved");
    progress.update("Container", "demo-db-1", "port 5432 is taken", InPlaceProgress.State.FAILED);
    assertFalse(progress.working());
    assertTrue(screen().get(1).contains("\u2718 Container demo-db-1  Error: port 5432 is taken"), screen().get(1));
  }

  @Test
  void warningsGoAboveTheBlock_andEndLeavesItForWhatFollows() {
    progress.update("Container", "demo-web-1", "Created", InPlaceProgress.State.DONE);
    progress.warn("Found orphan containers");
    assertEquals("WARN[0000] Found orphan containers", screen().get(0));
    assertEquals("[+] Running 1/1", screen().get(1));
    progress.end();
    progress.update("Container", "demo-web-1", "Stopping", InPlaceProgress.State.WORKING);
    List<String> screen = screen();
    assertEquals(5, screen.size(), String.join("\n", screen));
    assertEquals("[+] Running 0/1", screen.get(3), "a new block below the old one");
  }

  @Test
  void visibleLengthIgnoresColours() {
    assertEquals(7, InPlaceProgress.visibleLength("\033[32mStarted\033[0m"));
  }
}
