package dev.jcompose.compose.model;

/**
 * One {@code ulimits} entry; the short syntax {@code nofile: 65535} sets both limits.
 *
 * @param soft the soft limit
 * @param hard the hard limit
 */
public record Ulimit(long soft, long hard) {

    public static Ulimit of(long both) {
        return new Ulimit(both, both);
    }
}
