package dev.jcompose.compose.model;

import java.util.Map;

/**
 * A service's {@code build} section, minimal for now.
 *
 * @param context absolute directory, or a URL/git reference as written
 * @param dockerfile as written (relative to the context), or null for the default
 * @param args build arguments; a null value means "take it from the environment"
 * @param target the stage to build, or null
 */
public record BuildConfig(String context, String dockerfile, Map<String, String> args, String target) {

    public BuildConfig {
        args = Copies.map(args);
    }
}
