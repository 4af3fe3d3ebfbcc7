package dev.jcompose.engine;

import java.util.Arrays;
import java.util.logging.Logger;

/**
 * Points where the engine can be made to die on purpose, to test that what it leaves on disk is
 * recovered at the next start. Off unless the system property {@code jcompose.fault} or the
 * environment variable {@code JCOMPOSE_FAULT} names the point (comma-separated for several).
 * The engine started by the CLI inherits the CLI's environment.
 *
 * <ul>
 *   <li>{@code copy-up-halt}: halt the engine (as a SIGKILL would, no shutdown hooks) in the
 *       middle of a copy-up, after part of the image's content is in the volume.</li>
 * </ul>
 */
public final class FaultInjection {
  public static final String COPY_UP_HALT = "copy-up-halt";
  private static final Logger LOG = Logger.getLogger(FaultInjection.class.getName());

  private FaultInjection() {}

  public static boolean enabled(String point) {
    String v = System.getProperty("jcompose.fault", System.getenv().getOrDefault("JCOMPOSE_FAULT", ""));
    return Arrays.asList(v.split(",")).contains(point);
  }

  /** Ends the engine at once with exit code 137, saying why on stderr. */
  public static void halt(String point, String where) {
    LOG.severe("fault injection " + point + ": halting the engine " + where);
    System.err.println("jcompose engine: fault injection " + point + ": halting " + where);
    System.err.flush();
    Runtime.getRuntime().halt(137);
  }
}
