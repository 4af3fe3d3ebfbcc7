package dev.jcompose.compose.model;

import java.time.Duration;
import java.util.List;

/**
 * A service's {@code healthcheck}. Durations and retries are null when not set (the engine's
 * defaults apply: 30s, 30s, 0s, 3 retries).
 *
 * @param test {@code [CMD, ...]}, {@code [CMD-SHELL, command]} or {@code [NONE]}; empty when
 *     only timings are overridden
 * @param disable true for {@code disable: true} or {@code test: [NONE]}
 */
public record HealthCheck(List<String> test, Duration interval, Duration timeout, Duration startPeriod,
        Duration startInterval, Integer retries, boolean disable) {

    public HealthCheck {
        test = Copies.list(test);
        disable = disable || (!test.isEmpty() && test.get(0).equals("NONE"));
    }
}
