package dev.jcompose.compose.model;

import java.util.Map;
import java.util.Objects;

/**
 * A top-level volume.
 *
 * @param name the engine's name: {@code name:}, else the key for an external volume, else
 *     {@code <project>_<key>}
 * @param driver null for the engine's default (local)
 */
public record VolumeConfig(String name, String driver, Map<String, String> driverOpts, boolean external,
        Map<String, String> labels) {

    public VolumeConfig {
        Objects.requireNonNull(name, "name");
        driverOpts = Copies.map(driverOpts);
        labels = Copies.map(labels);
    }
}
