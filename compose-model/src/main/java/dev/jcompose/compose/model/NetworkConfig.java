package dev.jcompose.compose.model;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A top-level network.
 *
 * @param name the engine's name: {@code name:}, else the key for an external network, else
 *     {@code <project>_<key>}
 * @param driver null for the engine's default (bridge)
 * @param ipam address management, or null for the engine's choice
 */
public record NetworkConfig(String name, String driver, Map<String, String> driverOpts, boolean external,
        Map<String, String> labels, Ipam ipam, boolean internal, boolean attachable, boolean enableIpv6) {

    /** IP address management: a driver and address pools. */
    public record Ipam(String driver, List<Pool> config) {
        public Ipam {
            config = Copies.list(config);
        }
    }

    /** One address pool; null fields were not given. */
    public record Pool(String subnet, String gateway, String ipRange, Map<String, String> auxAddresses) {
        public Pool {
            auxAddresses = Copies.map(auxAddresses);
        }
    }

    public NetworkConfig {
        Objects.requireNonNull(name, "name");
        driverOpts = Copies.map(driverOpts);
        labels = Copies.map(labels);
    }
}
