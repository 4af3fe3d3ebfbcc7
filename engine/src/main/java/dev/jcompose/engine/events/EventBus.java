package dev.jcompose.engine.events;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.function.Predicate;

/**
 * The engine's events: published by the services, kept in a bounded history for {@code since},
 * and handed to every subscriber's queue. A subscriber that falls too far behind loses the
 * oldest events rather than slowing the engine down.
 */
public final class EventBus {
  private static final int HISTORY = 1000;
  private static final int SUBSCRIBER_BACKLOG = 10_000;
  private final Deque<EngineEvent> history = new ArrayDeque<>();
  private final List<BlockingQueue<EngineEvent>> subscribers = new CopyOnWriteArrayList<>();

  public void publish(EngineEvent e) {
    synchronized (history) {
      history.addLast(e);
      if (history.size() > HISTORY) {
        history.removeFirst();
      }
    }
    for (BlockingQueue<EngineEvent> q : subscribers) {
      if (!q.offer(e)) {
        q.poll();
        q.offer(e);
      }
    }
  }

  /** Past events from {@code sinceNanos} (inclusive) that match {@code filter}. */
  public List<EngineEvent> since(long sinceNanos, Predicate<EngineEvent> filter) {
    synchronized (history) {
      List<EngineEvent> out = new ArrayList<>();
      for (EngineEvent e : history) {
        if (e.timeNano() >= sinceNanos && filter.test(e)) {
          out.add(e);
        }
      }
      return out;
    }
  }

  /** A new subscription; the caller must {@link #unsubscribe} it. */
  public BlockingQueue<EngineEvent> subscribe() {
    BlockingQueue<EngineEvent> q = new LinkedBlockingQueue<>(SUBSCRIBER_BACKLOG);
    subscribers.add(q);
    return q;
  }

  public void unsubscribe(BlockingQueue<EngineEvent> q) {
    subscribers.remove(q);
  }
}
