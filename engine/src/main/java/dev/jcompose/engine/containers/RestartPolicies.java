package dev.jcompose.engine.containers;

import dev.jcompose.api.model.RestartPolicy;
import java.time.Duration;
import java.util.Optional;

/**
 * Docker's restart policies: {@code no}, {@code always}, {@code unless-stopped} and
 * {@code on-failure[:max]}. A container stopped through the API is never restarted by policy.
 * The delay doubles from 100 ms up to one minute, and starts again from 100 ms once a container
 * has run for 10 seconds.
 */
public final class RestartPolicies {
  static final Duration FIRST_DELAY = Duration.ofMillis(100);
  static final Duration MAX_DELAY = Duration.ofMinutes(1);
  static final Duration RESET_AFTER = Duration.ofSeconds(10);

  private RestartPolicies() {}

  /** Checks a policy from a create request; returns a message saying what is wrong, or empty. */
  public static Optional<String> problem(RestartPolicy p) {
    if (p == null || p.name() == null || p.name().isEmpty()) {
      return Optional.empty();
    }
    return switch (p.name()) {
      case "no", "always", "unless-stopped" -> p.maximumRetryCount() != null && p.maximumRetryCount() > 0
          ? Optional.of("maximum retry count cannot be used with restart policy '" + p.name() + "'") : Optional.empty();
      case "on-failure" -> p.maximumRetryCount() != null && p.maximumRetryCount() < 0
          ? Optional.of("maximum retry count cannot be negative") : Optional.empty();
      default -> Optional.of("invalid restart policy '" + p.name() + "': use no, always, unless-stopped or on-failure[:max]");
    };
  }

  /** Whether the policy restarts a container that just exited with {@code exitCode}. */
  public static boolean restarts(RestartPolicy p, int exitCode, int restartCount, boolean manuallyStopped) {
    if (p == null || p.name() == null || manuallyStopped) {
      return false;
    }
    return switch (p.name()) {
      case "always", "unless-stopped" -> true;
      case "on-failure" -> exitCode != 0 && (p.maximumRetryCount() == null || p.maximumRetryCount() <= 0
          || restartCount < p.maximumRetryCount());
      default -> false;
    };
  }

  /** Whether an engine that (re)starts brings the container back: always, and unless-stopped unless it was stopped. */
  public static boolean startsWithEngine(RestartPolicy p, boolean manuallyStopped) {
    return p != null && ("always".equals(p.name()) || ("unless-stopped".equals(p.name()) && !manuallyStopped));
  }

  /** The next back-off delay after {@code previous} (null for the first), given how long the container ran. */
  public static Duration nextDelay(Duration previous, Duration ran) {
    if (previous == null || ran.compareTo(RESET_AFTER) >= 0) {
      return FIRST_DELAY;
    }
    Duration doubled = previous.multipliedBy(2);
    return doubled.compareTo(MAX_DELAY) > 0 ? MAX_DELAY : doubled;
  }
}
