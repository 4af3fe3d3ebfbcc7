package dev.jcompose.compose.model;

import java.util.Map;

/**
 * A service's {@code build} section.
 *
 * @param context absolute directory, or a URL/git reference as written
 * @param dockerfile as written (relative to the context), or null for the default
 * @param args build arguments; a null value means "take it from the environment"
 * @param target the stage to build, or null
 * @param other the other keys of the specification's build section (labels, cache_from,
 *     secrets, ssh, platforms, ...), as plain values, kept until the builder acts on them
 */
public record BuildConfig(String context, String dockerfile, Map<String, String> args, String target,
        Map<String, Object> other) {

    public BuildConfig {
        args = Copies.map(args);
        other = Copies.deepMap(other);
    }

    public BuildConfig(String context, String dockerfile, Map<String, String> args, String target) {
        this(context, dockerfile, args, target, Map.of());
    }
}
