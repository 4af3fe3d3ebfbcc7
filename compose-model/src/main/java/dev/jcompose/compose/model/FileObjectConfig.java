package dev.jcompose.compose.model;

import java.util.Map;
import java.util.Objects;

/**
 * A top-level secret or config: where its content comes from (one of {@code file},
 * {@code environment}, {@code content}, or {@code external}).
 *
 * @param name the engine's name: {@code name:}, else the key for an external one, else
 *     {@code <project>_<key>}
 * @param file an absolute path, or null
 * @param environment the variable holding the content, or null
 * @param content inline content (configs only), or null
 * @param driver a secret driver, or null
 * @param templateDriver a template driver, or null
 */
public record FileObjectConfig(String name, String file, String environment, String content, boolean external,
        Map<String, String> labels, String driver, Map<String, String> driverOpts, String templateDriver) {

    public FileObjectConfig {
        Objects.requireNonNull(name, "name");
        labels = Copies.map(labels);
        driverOpts = Copies.map(driverOpts);
    }
}
