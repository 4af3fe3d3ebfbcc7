package dev.jcompose.engine.containers;

import dev.jcompose.engine.StateStore;
import dev.jcompose.runtime.RunningContainer;
import java.nio.file.Path;

/** A container's current record and, while it runs, its runtime handle. Guarded by its own monitor. */
public final class Container {
  private volatile ContainerRecord record;
  private final Path stateDir;
  private volatile RunningContainer running;
  /** A restart by policy waiting out its back-off, and the delay it used (both guarded by this). */
  private java.util.concurrent.ScheduledFuture<?> pendingRestart;
  private java.time.Duration lastDelay;
  private volatile HealthState health;
  /** Attach streams still copying this container's output: AutoRemove waits for them (docker run --rm). */
  private final java.util.concurrent.atomic.AtomicInteger attachStreams = new java.util.concurrent.atomic.AtomicInteger();

  Container(ContainerRecord record, Path stateDir) {
    this.record = record;
    this.stateDir = stateDir;
  }

  public ContainerRecord record() {
    return record;
  }

  public Path stateDir() {
    return stateDir;
  }

  RunningContainer running() {
    return running;
  }

  void setRunning(RunningContainer r) {
    this.running = r;
  }

  java.util.concurrent.ScheduledFuture<?> pendingRestart() {
    return pendingRestart;
  }

  void setPendingRestart(java.util.concurrent.ScheduledFuture<?> f) {
    this.pendingRestart = f;
  }

  /** Cancels a restart by policy that has not happened yet; true when there was one. */
  boolean cancelPendingRestart() {
    java.util.concurrent.ScheduledFuture<?> f = pendingRestart;
    pendingRestart = null;
    return f != null && f.cancel(false);
  }

  HealthState health() {
    return health;
  }

  /** Replaces the health state, stopping the checks of the previous one. */
  void setHealth(HealthState h) {
    HealthState old = health;
    if (old != null) {
      old.stop();
    }
    health = h;
  }

  void attachStarted() {
    attachStreams.incrementAndGet();
  }

  void attachEnded() {
    attachStreams.decrementAndGet();
  }

  boolean hasAttachStreams() {
    return attachStreams.get() > 0;
  }

  java.time.Duration lastDelay() {
    return lastDelay;
  }

  void setLastDelay(java.time.Duration d) {
    this.lastDelay = d;
  }

  /** Replaces the record and saves it. */
  synchronized void update(ContainerRecord r) {
    this.record = r;
    save();
  }

  void save() {
    StateStore.write(stateDir.resolve("container.json"), record);
  }
}
