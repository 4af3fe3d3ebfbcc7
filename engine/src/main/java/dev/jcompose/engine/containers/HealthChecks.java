package dev.jcompose.engine.containers;

import dev.jcompose.api.client.LogFrameDecoder;
import dev.jcompose.api.model.ExecCreateRequest;
import dev.jcompose.api.model.Health;
import dev.jcompose.api.model.HealthConfig;
import dev.jcompose.image.Image;
import dev.jcompose.image.ImageConfig;
import dev.jcompose.runtime.ContainerRuntime;
import dev.jcompose.runtime.ExecProcess;
import dev.jcompose.runtime.RunningContainer;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;
import java.util.function.Function;
import java.util.logging.Logger;

/**
 * Runs a container's healthcheck as Docker does: the test as an exec in the container every
 * {@code interval} ({@code start_interval} during the start period), each bounded by
 * {@code timeout}; failures in the start period do not count, {@code retries} failures in a row
 * make the container unhealthy, a success makes it healthy. Defaults: 30 s, 30 s, 3 retries.
 */
final class HealthChecks {
  private static final Logger LOG = Logger.getLogger(HealthChecks.class.getName());
  static final Duration DEFAULT_INTERVAL = Duration.ofSeconds(30);
  static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(30);
  static final Duration DEFAULT_START_INTERVAL = Duration.ofSeconds(5);
  static final int DEFAULT_RETRIES = 3;
  private static final int MAX_OUTPUT = 4096;

  private final ContainerRuntime runtime;
  private final Function<String, Image> images;
  private final BiConsumer<Container, String> onStatusChange;
  private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> daemon(r, "health-timer"));
  private final ExecutorService probes = Executors.newCachedThreadPool(r -> daemon(r, "health-probe"));

  HealthChecks(ContainerRuntime runtime, Function<String, Image> images, BiConsumer<Container, String> onStatusChange) {
    this.runtime = runtime;
    this.images = images;
    this.onStatusChange = onStatusChange;
  }

  /** The argv a test runs, or empty for none ({@code NONE}, or no test). */
  static List<String> argv(HealthConfig h) {
    if (h == null || h.test() == null || h.test().isEmpty()) {
      return List.of();
    }
    List<String> t = h.test();
    return switch (t.get(0)) {
      case "CMD" -> t.subList(1, t.size());
      case "CMD-SHELL" -> List.of("/bin/sh", "-c", String.join(" ", t.subList(1, t.size())));
      case "NONE" -> List.of();
      default -> List.of("/bin/sh", "-c", String.join(" ", t)); // a bare string, as Docker reads it
    };
  }

  /**
   * The healthcheck a container runs, merged as dockerd merges it: the image's HEALTHCHECK when
   * the container sets none; otherwise the container's, with the image's test and times filling
   * what it leaves unset.
   */
  static HealthConfig effective(HealthConfig container, dev.jcompose.image.ImageConfig.HealthConfig image) {
    if (image == null) {
      return container;
    }
    if (container == null) {
      return new HealthConfig(image.test(), image.interval(), image.timeout(), image.startPeriod(), image.startInterval(), image.retries());
    }
    return new HealthConfig(container.test() == null || container.test().isEmpty() ? image.test() : container.test(),
        unset(container.interval()) ? image.interval() : container.interval(),
        unset(container.timeout()) ? image.timeout() : container.timeout(),
        unset(container.startPeriod()) ? image.startPeriod() : container.startPeriod(),
        unset(container.startInterval()) ? image.startInterval() : container.startInterval(),
        container.retries() == null || container.retries() == 0 ? image.retries() : container.retries());
  }

  private static boolean unset(Long nanos) {
    return nanos == null || nanos == 0;
  }

  private dev.jcompose.image.ImageConfig.HealthConfig imageHealthcheck(Container c) {
    try {
      Image image = images.apply(c.record().imageId());
      return image.config().config() == null ? null : image.config().config().healthcheck();
    } catch (RuntimeException e) {
      return null; // the image is gone: only the container's own healthcheck can run
    }
  }

  /** Starts checking {@code c}, if it has a healthcheck; returns its state, or null. */
  HealthState start(Container c, RunningContainer running) {
    HealthConfig h = effective(c.record().config().healthcheck(), imageHealthcheck(c));
    if (argv(h).isEmpty()) {
      return null;
    }
    HealthState state = new HealthState();
    Instant started = Instant.now();
    schedule(c, running, h, state, started, firstDelay(h));
    return state;
  }

  private void schedule(Container c, RunningContainer running, HealthConfig h, HealthState state, Instant started, Duration delay) {
    if (state.stopped()) {
      return;
    }
    timer.schedule(() -> probes.execute(() -> {
      if (state.stopped() || running.exited().isDone()) {
        return;
      }
      if (c.record().state().paused()) { // as dockerd: no probes while paused, the status stays what it was
        schedule(c, running, h, state, started, nanos(h.interval(), DEFAULT_INTERVAL));
        return;
      }
      boolean inStart = Duration.between(started, Instant.now()).compareTo(nanos(h.startPeriod(), Duration.ZERO)) < 0;
      Health.Result r = probe(c, running, h);
      if (state.record(r, inStart, h.retries() == null || h.retries() <= 0 ? DEFAULT_RETRIES : h.retries()) && !state.stopped()) {
        onStatusChange.accept(c, state.status());
      }
      boolean stillStarting = inStart && HealthState.STARTING.equals(state.status());
      schedule(c, running, h, state, started, stillStarting ? startInterval(h) : nanos(h.interval(), DEFAULT_INTERVAL));
    }), delay.toMillis(), TimeUnit.MILLISECONDS);
  }

  private Health.Result probe(Container c, RunningContainer running, HealthConfig h) {
    Instant start = Instant.now();
    Duration timeout = nanos(h.timeout(), DEFAULT_TIMEOUT);
    try {
      Image image = images.apply(c.record().imageId());
      ImageConfig.Config ic = image.config().config() == null ? ImageConfig.Config.empty() : image.config().config();
      ExecCreateRequest req = ExecCreateRequest.of(argv(h), null, null, null);
      ExecProcess p = runtime.exec(c.record().id(), c.stateDir(), running.pid(),
          ExecService.execSpec(c.record(), ic, image.lowerDirsTopFirst(), req));
      ByteArrayOutputStream raw = new ByteArrayOutputStream();
      java.util.concurrent.Future<?> reader = probes.submit(() -> {
        p.output().transferTo(raw);
        return null;
      });
      Integer code;
      try {
        code = p.exitCode().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
      } catch (java.util.concurrent.TimeoutException e) {
        runtime.kill(p.pid(), 9);
        return new Health.Result(start.toString(), Instant.now().toString(), -1,
            "Health check exceeded timeout (" + timeout.toSeconds() + "s)");
      }
      reader.get(1, TimeUnit.SECONDS);
      return new Health.Result(start.toString(), Instant.now().toString(), code, text(raw.toByteArray()));
    } catch (Exception e) {
      LOG.fine("health probe of " + c.record().name() + " failed: " + e);
      return new Health.Result(start.toString(), Instant.now().toString(), -1, "the health check could not run: " + e.getMessage());
    }
  }

  private static String text(byte[] frames) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try {
      LogFrameDecoder.decode(new ByteArrayInputStream(frames), (stream, payload) -> out.write(payload));
    } catch (java.io.IOException e) {
      out.write(frames, 0, frames.length);
    }
    String s = out.toString(StandardCharsets.UTF_8);
    return s.length() > MAX_OUTPUT ? s.substring(0, MAX_OUTPUT) : s;
  }

  static Duration firstDelay(HealthConfig h) {
    Duration interval = nanos(h.interval(), DEFAULT_INTERVAL);
    if (h.startPeriod() != null && h.startPeriod() > 0) {
      Duration si = startInterval(h);
      return si.compareTo(interval) < 0 ? si : interval;
    }
    return interval;
  }

  private static Duration startInterval(HealthConfig h) {
    return nanos(h.startInterval(), DEFAULT_START_INTERVAL);
  }

  static Duration nanos(Long ns, Duration fallback) {
    return ns == null || ns <= 0 ? fallback : Duration.ofNanos(ns);
  }

  private static Thread daemon(Runnable r, String name) {
    Thread t = new Thread(r, name);
    t.setDaemon(true);
    return t;
  }

  static List<String> copy(List<String> l) {
    return new ArrayList<>(l);
  }
}
