package dev.jcompose.engine.events;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jcompose.engine.Filters;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import org.junit.jupiter.api.Test;

class EventBusTest {
  @Test
  void publish_reachesSubscribers_andHistory() {
    EventBus bus = new EventBus();
    BlockingQueue<EngineEvent> q = bus.subscribe();
    EngineEvent e = EngineEvent.of("container", "start", "abc", Map.of("name", "web"));
    bus.publish(e);
    assertEquals(e, q.poll());
    assertEquals(1, bus.since(0, x -> true).size());
    bus.unsubscribe(q);
    bus.publish(EngineEvent.of("container", "stop", "abc", Map.of()));
    assertTrue(q.isEmpty(), "no events after unsubscribe");
  }

  @Test
  void history_isBounded() {
    EventBus bus = new EventBus();
    for (int i = 0; i < 1500; i++) {
      bus.publish(EngineEvent.of("volume", "create", "v" + i, Map.of()));
    }
    assertEquals(1000, bus.since(0, x -> true).size());
    assertEquals("v500", bus.since(0, x -> true).get(0).actor().id());
  }

  @Test
  void matches_typeEventContainerAndLabels() {
    EngineEvent e = EngineEvent.of("container", "die", "abc123", Map.of("name", "p-web-1", "com.docker.compose.project", "p"));
    assertTrue(EventStream.matches(e, Filters.parse("{\"type\":[\"container\"],\"event\":[\"die\"]}")));
    assertTrue(EventStream.matches(e, Filters.parse("{\"container\":[\"p-web-1\"],\"label\":[\"com.docker.compose.project=p\"]}")));
    assertTrue(EventStream.matches(e, Filters.parse("{\"container\":[\"abc\"]}")));
    assertFalse(EventStream.matches(e, Filters.parse("{\"label\":[\"com.docker.compose.project=q\"]}")));
    assertFalse(EventStream.matches(e, Filters.parse("{\"type\":[\"network\"]}")));
  }

  @Test
  void parseTime_secondsWithFraction() {
    assertEquals(1_700_000_000_500_000_000L, EventStream.parseTime("1700000000.5", "since"));
  }
}
