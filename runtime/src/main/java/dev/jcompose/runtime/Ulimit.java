package dev.jcompose.runtime;

import java.util.List;
import java.util.Map;

/**
 * One resource limit of the container's processes, as Docker's {@code HostConfig.Ulimits}
 * entry ({@code {"Name":"nofile","Soft":1024,"Hard":2048}}); set with setrlimit(2) before the
 * command runs, and for every {@code exec} in the container. {@code -1} (or any negative value)
 * is {@code unlimited}.
 *
 * @param name one of {@link #NAMES}: {@code nofile}, {@code nproc}, {@code core}, ...
 */
public record Ulimit(String name, long soft, long hard) {

  /** Docker's ulimit names (go-units), with their RLIMIT_* numbers on Linux (x86_64, arm64: the generic table). */
  public static final Map<String, Integer> NAMES = Map.ofEntries(
      Map.entry("cpu", 0), Map.entry("fsize", 1), Map.entry("data", 2), Map.entry("stack", 3), Map.entry("core", 4),
      Map.entry("rss", 5), Map.entry("nproc", 6), Map.entry("nofile", 7), Map.entry("memlock", 8), Map.entry("as", 9),
      Map.entry("locks", 10), Map.entry("sigpending", 11), Map.entry("msgqueue", 12), Map.entry("nice", 13),
      Map.entry("rtprio", 14), Map.entry("rttime", 15));

  public Ulimit {
    if (name == null || !NAMES.containsKey(name)) {
      throw new IllegalArgumentException("invalid ulimit type: " + name + " (one of " + List.copyOf(new java.util.TreeSet<>(NAMES.keySet())) + ")");
    }
    soft = soft < 0 ? -1 : soft;
    hard = hard < 0 ? -1 : hard;
    if (hard != -1 && (soft == -1 || soft > hard)) {
      throw new IllegalArgumentException("ulimit " + name + ": soft limit " + show(soft) + " must be less than or equal to hard limit " + show(hard));
    }
  }

  public static Ulimit of(String name, long both) {
    return new Ulimit(name, both, both);
  }

  /** The RLIMIT_* number. */
  public int resource() {
    return NAMES.get(name);
  }

  static String show(long limit) {
    return limit < 0 ? "unlimited" : Long.toString(limit);
  }
}
