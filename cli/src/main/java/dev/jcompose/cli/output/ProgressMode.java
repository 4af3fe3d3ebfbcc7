package dev.jcompose.cli.output;

import dev.jcompose.cli.UserFacingException;
import java.util.Locale;

/** How progress is shown: Compose's {@code --progress} values. */
public enum ProgressMode {
  /** {@link #TTY} on a terminal, else {@link #PLAIN}. */
  AUTO,
  /** One line per object, updated in place, with a spinner and the time each took. */
  TTY,
  /** One line per event. */
  PLAIN,
  /** One JSON object per event and line. */
  JSON,
  /** Nothing. */
  QUIET;

  /**
   * The mode a command line asks for.
   *
   * @param progress {@code --progress}, or null
   * @param ansi {@code --ansi} (never, always, auto), or null
   * @param terminal whether the output is a terminal
   */
  public static ProgressMode resolve(String progress, String ansi, boolean terminal) {
    ProgressMode asked = progress == null ? AUTO : parse(progress);
    String a = ansi == null ? "auto" : ansi.toLowerCase(Locale.ROOT);
    if (!a.equals("auto") && !a.equals("never") && !a.equals("always")) {
      throw new UserFacingException("--ansi " + ansi + ": expected never, always or auto");
    }
    if (asked != AUTO) {
      return asked;
    }
    if (a.equals("never")) {
      return PLAIN;
    }
    return a.equals("always") || terminal ? TTY : PLAIN;
  }

  private static ProgressMode parse(String value) {
    try {
      return valueOf(value.trim().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new UserFacingException("--progress " + value + ": expected auto, tty, plain, json or quiet");
    }
  }
}
