package dev.jcompose.cli.output;

import dev.jcompose.api.client.EngineClient;
import dev.jcompose.api.model.ContainerSummary;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Prints containers' logs line by line as {@code name  | line}, names padded to the longest, as
 * Docker Compose does. Without follow, containers are printed one after the other; with it, in
 * parallel until every container stops.
 */
public final class LogPrinter {
  private final EngineClient engine;
  private final PrintStream out;
  private final boolean prefix;

  public LogPrinter(EngineClient engine, PrintStream out, boolean prefix) {
    this.engine = engine;
    this.out = out;
    this.prefix = prefix;
  }

  public void print(List<ContainerSummary> containers, boolean follow, String tail, boolean timestamps) {
    int width = containers.stream().mapToInt(c -> c.name().length()).max().orElse(0);
    if (!follow) {
      for (ContainerSummary c : containers) {
        stream(c, width, false, tail, timestamps);
      }
      return;
    }
    List<Thread> threads = new ArrayList<>();
    for (ContainerSummary c : containers) {
      Thread t = new Thread(() -> stream(c, width, true, tail, timestamps), "logs-" + c.name());
      t.start();
      threads.add(t);
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

  private void stream(ContainerSummary c, int width, boolean follow, String tail, boolean timestamps) {
    String pfx = prefix ? c.name() + " ".repeat(width - c.name().length()) + "  | " : "";
    ByteArrayOutputStream[] partial = {new ByteArrayOutputStream(), new ByteArrayOutputStream(), new ByteArrayOutputStream()};
    engine.logs(c.id(), follow, tail, timestamps, (stream, payload) -> {
      ByteArrayOutputStream buf = partial[Math.min(Math.max(stream, 0), 2)];
      for (byte b : payload) {
        if (b == '\n') {
          emit(pfx, buf);
        } else {
          buf.write(b);
        }
      }
    });
    for (ByteArrayOutputStream buf : partial) {
      if (buf.size() > 0) {
        emit(pfx, buf);
      }
    }
  }

  private void emit(String pfx, ByteArrayOutputStream line) {
    String text = line.toString(StandardCharsets.UTF_8);
    line.reset();
    synchronized (out) {
      out.println(pfx + text);
      out.flush();
    }
  }
}
