package dev.jcompose.cli.output;

import dev.jcompose.api.model.Json;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Compose-style progress, safe to call from parallel tasks. Plain: one line per event,
 * {@code  ✔ Container firstlight-web-1  Started}; on a terminal ({@link ProgressMode#TTY}) one
 * line per object updated in place ({@link InPlaceProgress}); JSON: one object per event; quiet:
 * nothing.
 */
public final class Progress {
  private static final long TICK_MS = 100;

  private final PrintStream out;
  private final ProgressMode mode;
  private final InPlaceProgress inPlace;
  private Thread ticker;

  /** Plain lines on {@code out}. */
  public Progress(PrintStream out) {
    this(out, ProgressMode.PLAIN, false);
  }

  private Progress(PrintStream out, ProgressMode mode, boolean colors) {
    this.out = mode == ProgressMode.QUIET ? new PrintStream(OutputStream.nullOutputStream()) : out;
    this.mode = mode;
    this.inPlace = mode == ProgressMode.TTY ? new InPlaceProgress(out, colors, columns(), System::nanoTime) : null;
  }

  /**
   * Progress in the given mode ({@link ProgressMode#AUTO} must have been resolved before).
   *
   * @param colors whether a terminal view may use colours (not with {@code NO_COLOR})
   */
  public static Progress of(PrintStream out, ProgressMode mode, boolean colors) {
    if (mode == ProgressMode.AUTO) {
      throw new IllegalArgumentException("resolve AUTO first (ProgressMode.resolve)");
    }
    return new Progress(out, mode, colors);
  }

  public ProgressMode mode() {
    return mode;
  }

  public synchronized void done(String kind, String name, String status) {
    event(kind, name, status, InPlaceProgress.State.DONE, " \u2714 " + kind + " " + name + "  " + status);
  }

  public synchronized void working(String kind, String name, String status) {
    event(kind, name, status, InPlaceProgress.State.WORKING, "   " + kind + " " + name + "  " + status);
  }

  public synchronized void failed(String kind, String name, String why) {
    event(kind, name, why, InPlaceProgress.State.FAILED, " \u2718 " + kind + " " + name + "  Error: " + why);
  }

  public synchronized void warn(String message) {
    switch (mode) {
      case TTY -> inPlace.warn(message);
      case JSON -> json(Map.of("level", "warning", "text", message));
      default -> {
        out.println("WARN[0000] " + message);
        out.flush();
      }
    }
  }

  /**
   * Ends the current in-place block before something else writes to the same output (attached
   * logs, a container's own output): later events start a new block below it.
   */
  public synchronized void end() {
    if (inPlace != null) {
      inPlace.end();
    }
  }

  private void event(String kind, String name, String status, InPlaceProgress.State state, String plainLine) {
    switch (mode) {
      case TTY -> {
        inPlace.update(kind, name, status, state);
        if (state == InPlaceProgress.State.WORKING) {
          startTicker();
        }
      }
      case JSON -> {
        Map<String, String> o = new LinkedHashMap<>();
        o.put("id", kind + " " + name);
        o.put("status", status);
        o.put("state", state.name().toLowerCase(java.util.Locale.ROOT));
        json(o);
      }
      default -> {
        out.println(plainLine);
        out.flush();
      }
    }
  }

  private void json(Map<String, String> object) {
    try {
      out.println(Json.mapper().writeValueAsString(object));
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
    out.flush();
  }

  /** Spins the working lines' spinners until none works. */
  private void startTicker() {
    if (ticker != null && ticker.isAlive()) {
      return;
    }
    ticker = new Thread(() -> {
      while (true) {
        try {
          Thread.sleep(TICK_MS);
        } catch (InterruptedException e) {
          return;
        }
        synchronized (this) {
          if (!inPlace.working()) {
            ticker = null;
            return;
          }
          inPlace.tick();
        }
      }
    }, "progress-spinner");
    ticker.setDaemon(true);
    ticker.start();
  }

  /** The terminal's width from $COLUMNS, else 80. */
  private static int columns() {
    try {
      String c = System.getenv("COLUMNS");
      return c == null ? 80 : Integer.parseInt(c.trim());
    } catch (NumberFormatException e) {
      return 80;
    }
  }
}
