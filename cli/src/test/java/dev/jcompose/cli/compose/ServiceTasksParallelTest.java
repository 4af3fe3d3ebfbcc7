package dev.jcompose.cli.compose;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ServiceTasksParallelTest {
  @AfterEach
  void noLimit() {
    ServiceTasks.setParallelLimit(0);
  }

  @Test
  void everyItemRunsAtOnce() {
    CountDownLatch allStarted = new CountDownLatch(4);
    ServiceTasks.inParallel(List.of(1, 2, 3, 4), i -> {
      allStarted.countDown();
      try {
        assertTrue(allStarted.await(10, TimeUnit.SECONDS), "the four run together");
      } catch (InterruptedException e) {
        throw new IllegalStateException(e);
      }
    });
  }

  @Test
  void theLimitBoundsHowManyRunTogether() {
    ServiceTasks.setParallelLimit(2);
    AtomicInteger running = new AtomicInteger();
    AtomicInteger most = new AtomicInteger();
    ServiceTasks.inParallel(List.of(1, 2, 3, 4, 5, 6), i -> {
      most.accumulateAndGet(running.incrementAndGet(), Math::max);
      try {
        Thread.sleep(30);
      } catch (InterruptedException e) {
        throw new IllegalStateException(e);
      }
      running.decrementAndGet();
    });
    assertTrue(most.get() <= 2, "at most 2 at once, saw " + most.get());
  }

  @Test
  void aFailureIsThrownAfterTheOthersEnded() {
    AtomicInteger done = new AtomicInteger();
    IllegalStateException e = assertThrows(IllegalStateException.class, () -> ServiceTasks.inParallel(List.of(1, 2, 3), i -> {
      if (i == 2) {
        throw new IllegalStateException("container two: already paused");
      }
      done.incrementAndGet();
    }));
    assertEquals("container two: already paused", e.getMessage());
    assertEquals(2, done.get());
  }
}
