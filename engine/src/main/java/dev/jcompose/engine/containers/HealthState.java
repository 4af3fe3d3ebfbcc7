package dev.jcompose.engine.containers;

import dev.jcompose.api.model.Health;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/** A running container's health, as its checks found it: starting, healthy or unhealthy, and the last five results. */
final class HealthState {
  static final String STARTING = "starting";
  static final String HEALTHY = "healthy";
  static final String UNHEALTHY = "unhealthy";
  private static final int KEEP = 5;

  private String status = STARTING;
  private int failingStreak;
  private final Deque<Health.Result> log = new ArrayDeque<>();
  private volatile boolean stopped;

  /**
   * Records one check. A failure inside the start period does not count; {@code retries}
   * consecutive failures after it make the container unhealthy; one success makes it healthy.
   * Returns true when the status changed.
   */
  synchronized boolean record(Health.Result r, boolean inStartPeriod, int retries) {
    log.addLast(r);
    while (log.size() > KEEP) {
      log.removeFirst();
    }
    String before = status;
    if (r.exitCode() != null && r.exitCode() == 0) {
      status = HEALTHY;
      failingStreak = 0;
    } else if (!inStartPeriod || !status.equals(STARTING)) {
      failingStreak++;
      if (failingStreak >= retries) {
        status = UNHEALTHY;
      }
    }
    return !before.equals(status);
  }

  synchronized String status() {
    return status;
  }

  synchronized Health toApi() {
    return new Health(status, failingStreak, new ArrayList<>(log));
  }

  void stop() {
    stopped = true;
  }

  boolean stopped() {
    return stopped;
  }

  synchronized List<Health.Result> results() {
    return List.copyOf(log);
  }
}
