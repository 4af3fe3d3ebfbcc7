package dev.jcompose.cli.output;

import dev.jcompose.api.client.EngineClient;
import dev.jcompose.api.model.ContainerSummary;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Prints containers' logs line by line as {@code name  | line}, names padded to the longest and
 * coloured per container on a terminal, as Docker Compose does. Without follow, containers are
 * printed one after the other; with it, in parallel until every container stops (or
 * {@link #stop()}); {@code onEnd} hears of each container whose stream ended.
 */
public final class LogPrinter {
  /** Compose's prefix colours: cyan, yellow, green, magenta, blue, then the bright ones. */
  private static final String[] COLORS = {"36", "33", "32", "35", "34", "96", "93", "92", "95", "94"};
  private final EngineClient engine;
  private final PrintStream out;
  private final boolean prefix;
  private final boolean color;
  private final List<Thread> threads = new ArrayList<>();

  public LogPrinter(EngineClient engine, PrintStream out, boolean prefix, boolean color) {
    this.engine = engine;
    this.out = out;
    this.prefix = prefix;
    this.color = color;
  }

  public LogPrinter(EngineClient engine, PrintStream out, boolean prefix) {
    this(engine, out, prefix, false);
  }

  /** Colours only for a terminal, and never with NO_COLOR set (https://no-color.org). */
  public static boolean colorWanted(boolean noColorFlag) {
    return !noColorFlag && System.console() != null && System.getenv("NO_COLOR") == null;
  }

  public void print(List<ContainerSummary> containers, boolean follow, String tail, boolean timestamps) {
    print(containers, follow, tail, timestamps, c -> { });
  }

  public void print(List<ContainerSummary> containers, boolean follow, String tail, boolean timestamps,
      Consumer<ContainerSummary> onEnd) {
    int width = containers.stream().mapToInt(c -> c.name().length()).max().orElse(0);
    if (!follow) {
      for (int i = 0; i < containers.size(); i++) {
        stream(containers.get(i), prefixFor(containers.get(i), i, width), false, tail, timestamps);
      }
      return;
    }
    for (int i = 0; i < containers.size(); i++) {
      ContainerSummary c = containers.get(i);
      String pfx = prefixFor(c, i, width);
      Thread t = new Thread(() -> {
        try {
          stream(c, pfx, true, tail, timestamps);
        } catch (RuntimeException e) {
          if (!Thread.currentThread().isInterrupted()) {
            emit("", "error reading the logs of " + c.name() + ": " + e.getMessage());
          }
        }
        onEnd.accept(c);
      }, "logs-" + c.name());
      t.setDaemon(true);
      threads.add(t);
      t.start();
    }
    for (Thread t : threads) {
      try {
        t.join();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }

  private String prefixFor(ContainerSummary c, int index, int width) {
    if (!prefix) {
      return "";
    }
    String p = c.name() + " ".repeat(width - c.name().length()) + "  | ";
    return color ? "\u001b[" + COLORS[index % COLORS.length] + "m" + p + "\u001b[0m" : p;
  }

  private void stream(ContainerSummary c, String pfx, boolean follow, String tail, boolean timestamps) {
    ByteArrayOutputStream[] partial = {new ByteArrayOutputStream(), new ByteArrayOutputStream(), new ByteArrayOutputStream()};
    engine.logs(c.id(), follow, tail, timestamps, (stream, payload) -> {
      ByteArrayOutputStream buf = partial[Math.min(Math.max(stream, 0), 2)];
      for (byte b : payload) {
        if (b == '\n') {
          emit(pfx, buf.toString(StandardCharsets.UTF_8));
          buf.reset();
        } else {
          buf.write(b);
        }
      }
    });
    for (ByteArrayOutputStream buf : partial) {
      if (buf.size() > 0) {
        emit(pfx, buf.toString(StandardCharsets.UTF_8));
      }
    }
  }

  private void emit(String pfx, String text) {
    synchronized (out) {
      out.println(pfx + text);
      out.flush();
    }
  }
}
