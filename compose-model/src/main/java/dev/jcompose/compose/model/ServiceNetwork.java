package dev.jcompose.compose.model;

import java.util.List;

/** How a service joins one network. Addresses are null when not fixed. */
public record ServiceNetwork(List<String> aliases, String ipv4Address, String ipv6Address) {

    public ServiceNetwork {
        aliases = Copies.list(aliases);
    }

    public static ServiceNetwork plain() {
        return new ServiceNetwork(List.of(), null, null);
    }
}
