package dev.jcompose.engine.containers;

import dev.jcompose.engine.StateStore;
import dev.jcompose.runtime.RunningContainer;
import java.nio.file.Path;

/** A container's current record and, while it runs, its runtime handle. Guarded by its own monitor. */
public final class Container {
  private volatile ContainerRecord record;
  private final Path stateDir;
  private volatile RunningContainer running;

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

  /** Replaces the record and saves it. */
  synchronized void update(ContainerRecord r) {
    this.record = r;
    save();
  }

  void save() {
    StateStore.write(stateDir.resolve("container.json"), record);
  }
}
