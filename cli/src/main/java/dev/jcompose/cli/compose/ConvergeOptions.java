package dev.jcompose.cli.compose;

import java.util.Map;

/**
 * How {@code up} and {@code create} converge: when to recreate a container, whether to start
 * it, per-service replica counts from {@code --scale}, the stop timeout for recreation, and
 * whether a recreated container gets new anonymous volumes ({@code -V}) instead of its
 * predecessor's.
 */
public record ConvergeOptions(Recreate recreate, boolean start, Map<String, Integer> scale, Integer timeout, boolean renewAnonVolumes) {
  /** {@code --force-recreate}, {@code --no-recreate}, or the default: recreate what changed. */
  public enum Recreate { CHANGED, ALWAYS, NEVER }

  public ConvergeOptions {
    scale = Map.copyOf(scale);
  }

  public static ConvergeOptions defaults() {
    return new ConvergeOptions(Recreate.CHANGED, true, Map.of(), null, false);
  }

  /** Parses {@code --scale web=3}; throws with the expected form when it is malformed. */
  public static Map.Entry<String, Integer> parseScale(String text) {
    int eq = text.indexOf('=');
    try {
      if (eq > 0) {
        int n = Integer.parseInt(text.substring(eq + 1));
        if (n >= 0) {
          return Map.entry(text.substring(0, eq), n);
        }
      }
    } catch (NumberFormatException e) {
      // fall through to the message
    }
    throw new dev.jcompose.cli.UserFacingException("invalid --scale \"" + text + "\": expected SERVICE=NUMBER, e.g. --scale web=3");
  }
}
