package dev.jcompose.compose.model;

import java.util.Map;

/**
 * A service's {@code logging}.
 *
 * @param driver the log driver, or null for the engine's default
 * @param options the driver's options, in file order
 */
public record LoggingConfig(String driver, Map<String, String> options) {

    public LoggingConfig {
        options = Copies.map(options);
    }
}
