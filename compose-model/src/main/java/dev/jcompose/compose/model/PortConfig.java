package dev.jcompose.compose.model;

/**
 * One published (or only declared) port, in the long syntax.
 *
 * @param target the port inside the container
 * @param published the host port, a range such as {@code "8000-8010"}, or null for an
 *     ephemeral one
 * @param hostIp the host address to bind, or null for all
 * @param protocol tcp, udp or sctp
 * @param mode {@code ingress} (the default) or {@code host}
 * @param name a human-readable name, or null
 * @param appProtocol the application protocol (http, ...), or null
 */
public record PortConfig(int target, String published, String hostIp, String protocol, String mode, String name,
        String appProtocol) {

    public PortConfig {
        if (target < 1 || target > 65535) {
            throw new IllegalArgumentException("target port out of range: " + target);
        }
        protocol = protocol == null ? "tcp" : protocol;
        mode = mode == null ? "ingress" : mode;
    }

    public static PortConfig of(int target, String published) {
        return new PortConfig(target, published, null, "tcp", "ingress", null, null);
    }
}
