package dev.jcompose.engine.events;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.jcompose.api.model.Json;
import dev.jcompose.engine.Filters;
import dev.jcompose.engine.http.ApiException;
import dev.jcompose.engine.http.ApiResponse;
import java.io.IOException;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/** {@code GET /events}: past events since {@code since}, then live ones until {@code until} or the client leaves. */
public final class EventStream {
  private static final ObjectMapper JSON = Json.mapper();
  private final EventBus bus;

  public EventStream(EventBus bus) {
    this.bus = bus;
  }

  public ApiResponse stream(String since, String until, Filters filters) {
    long sinceNanos = since == null ? Long.MAX_VALUE : parseTime(since, "since");
    long untilNanos = until == null ? Long.MAX_VALUE : parseTime(until, "until");
    Predicate<EngineEvent> match = e -> matches(e, filters);
    return new ApiResponse.Streaming(200, "application/json", out -> {
      BlockingQueue<EngineEvent> live = bus.subscribe();
      try {
        for (EngineEvent e : bus.since(sinceNanos, match)) {
          if (e.timeNano() > untilNanos) {
            return;
          }
          write(out, e);
        }
        while (System.currentTimeMillis() * 1_000_000L <= untilNanos) {
          EngineEvent e = live.poll(1, TimeUnit.SECONDS);
          if (e == null) {
            out.flush(); // detects a client that went away
            continue;
          }
          if (e.timeNano() > untilNanos) {
            return;
          }
          if (match.test(e)) {
            write(out, e);
          }
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      } finally {
        bus.unsubscribe(live);
      }
    });
  }

  private static void write(java.io.OutputStream out, EngineEvent e) throws IOException {
    out.write(JSON.writeValueAsBytes(e));
    out.write('\n');
  }

  static boolean matches(EngineEvent e, Filters f) {
    return f.matchesAny("type", t -> t.equals(e.type()))
        && f.matchesAny("event", a -> a.equals(e.action()))
        && f.matchesAny("container", c -> e.type().equals("container")
            && (e.actor().id().startsWith(c) || c.equals(e.actor().attributes().get("name"))))
        && f.matchesLabels(e.actor().attributes());
  }

  /** Docker's times: unix seconds with an optional fraction ("1700000000.5"). */
  static long parseTime(String text, String what) {
    try {
      java.math.BigDecimal seconds = new java.math.BigDecimal(text.trim());
      return seconds.multiply(java.math.BigDecimal.valueOf(1_000_000_000L)).longValue();
    } catch (NumberFormatException e) {
      throw ApiException.badRequest(what + " must be a unix timestamp in seconds, got " + text);
    }
  }
}
