package dev.jcompose.cli.output;

import java.io.PrintStream;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * Compose's progress on a terminal: a {@code [+] Running done/total} header and one line per
 * object, redrawn in place with ANSI cursor movements as its status changes, with a spinner while
 * it works and the seconds it took at the right. Warnings are printed above the block. Not thread
 * safe by itself: {@link Progress} serializes the calls.
 */
final class InPlaceProgress {
  private static final String[] SPINNER = {"\u280b", "\u2819", "\u2839", "\u2838", "\u283c", "\u2834", "\u2826", "\u2827", "\u2807", "\u280f"};
  private static final String GREEN = "\033[32m";
  private static final String RED = "\033[31m";
  private static final String BLUE = "\033[34m";
  private static final String RESET = "\033[0m";

  enum State { WORKING, DONE, FAILED }

  private static final class Line {
    final String id;
    String status;
    State state;
    final long startedNanos;
    long endedNanos;

    Line(String id, long now) {
      this.id = id;
      this.startedNanos = now;
    }
  }

  private final PrintStream out;
  private final boolean colors;
  private final int columns;
  private final LongSupplier clock;
  private final Map<String, Line> lines = new LinkedHashMap<>();
  private int drawn;
  private int frame;

  InPlaceProgress(PrintStream out, boolean colors, int columns, LongSupplier clock) {
    this.out = out;
    this.colors = colors;
    this.columns = Math.max(40, columns);
    this.clock = clock;
  }

  void update(String kind, String name, String status, State state) {
    long now = clock.getAsLong();
    Line line = lines.computeIfAbsent(kind + " " + name, id -> new Line(id, now));
    line.status = status;
    line.state = state;
    line.endedNanos = state == State.WORKING ? 0 : now;
    redraw();
  }

  void warn(String message) {
    erase();
    out.println("WARN[0000] " + message);
    redraw();
  }

  boolean working() {
    return lines.values().stream().anyMatch(l -> l.state == State.WORKING);
  }

  /** The spinner's next frame, and the times. */
  void tick() {
    frame = (frame + 1) % SPINNER.length;
    redraw();
  }

  /** Leaves the block as drawn: what is printed next goes below it and a next update starts a new block. */
  void end() {
    lines.clear();
    drawn = 0;
  }

  private void erase() {
    if (drawn > 0) {
      out.print("\033[" + drawn + "A");
      for (int i = 0; i < drawn; i++) {
        out.print("\r\033[2K\n");
      }
      out.print("\033[" + drawn + "A");
      drawn = 0;
    }
  }

  private void redraw() {
    if (lines.isEmpty()) {
      return;
    }
    StringBuilder b = new StringBuilder();
    if (drawn > 0) {
      b.append("\033[").append(drawn).append('A');
    }
    long done = lines.values().stream().filter(l -> l.state != State.WORKING).count();
    b.append("\r\033[2K").append(paint(BLUE, "[+] Running " + done + "/" + lines.size())).append('\n');
    int idWidth = lines.values().stream().mapToInt(l -> l.id.length()).max().orElse(0);
    long now = clock.getAsLong();
    for (Line l : lines.values()) {
      String mark = switch (l.state) {
        case WORKING -> SPINNER[frame];
        case DONE -> paint(GREEN, "\u2714");
        case FAILED -> paint(RED, "\u2718");
      };
      String status = switch (l.state) {
        case WORKING -> l.status;
        case DONE -> paint(GREEN, l.status);
        case FAILED -> paint(RED, "Error: " + l.status);
      };
      String left = " " + mark + " " + pad(l.id, idWidth) + "  " + status;
      String time = String.format("%.1fs", ((l.state == State.WORKING ? now : l.endedNanos) - l.startedNanos) / 1e9);
      int visible = visibleLength(left);
      int gap = columns - 1 - visible - time.length();
      b.append("\r\033[2K").append(left).append(" ".repeat(Math.max(1, gap))).append(time).append('\n');
    }
    out.print(b);
    out.flush();
    drawn = lines.size() + 1;
  }

  private String paint(String color, String text) {
    return colors ? color + text + RESET : text;
  }

  private static String pad(String s, int width) {
    return s.length() >= width ? s : s + " ".repeat(width - s.length());
  }

  /** The length on screen: without ANSI escapes. */
  static int visibleLength(String s) {
    return s.replaceAll("\033\\[[0-9;]*[A-Za-z]", "").length();
  }
}
