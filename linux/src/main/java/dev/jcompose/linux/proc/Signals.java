package dev.jcompose.linux.proc;

import dev.jcompose.linux.HostCommand;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Sends signals to host processes, by pid. SIGTERM and SIGKILL go through {@link ProcessHandle}
 * (which checks the process start time, so a reused pid is not hit); other signals through
 * {@code kill(1)}, as the JDK has no call for them.
 */
public final class Signals {
  public static final int SIGHUP = 1;
  public static final int SIGINT = 2;
  public static final int SIGQUIT = 3;
  public static final int SIGKILL = 9;
  public static final int SIGUSR1 = 10;
  public static final int SIGUSR2 = 12;
  public static final int SIGTERM = 15;

  /** Linux signal numbers (x86, arm), as Docker's {@code /containers/{id}/kill?signal=} accepts them. */
  private static final Map<String, Integer> NUMBERS = Map.ofEntries(
      Map.entry("HUP", 1), Map.entry("INT", 2), Map.entry("QUIT", 3), Map.entry("ILL", 4),
      Map.entry("TRAP", 5), Map.entry("ABRT", 6), Map.entry("BUS", 7), Map.entry("FPE", 8),
      Map.entry("KILL", 9), Map.entry("USR1", 10), Map.entry("SEGV", 11), Map.entry("USR2", 12),
      Map.entry("PIPE", 13), Map.entry("ALRM", 14), Map.entry("TERM", 15), Map.entry("STKFLT", 16),
      Map.entry("CHLD", 17), Map.entry("CONT", 18), Map.entry("STOP", 19), Map.entry("TSTP", 20),
      Map.entry("TTIN", 21), Map.entry("TTOU", 22), Map.entry("URG", 23), Map.entry("XCPU", 24),
      Map.entry("XFSZ", 25), Map.entry("VTALRM", 26), Map.entry("PROF", 27), Map.entry("WINCH", 28),
      Map.entry("IO", 29), Map.entry("PWR", 30), Map.entry("SYS", 31));

  private Signals() {}

  /**
   * Sends {@code signal} to process {@code pid}. Returns false when no such process exists
   * (it has exited already); throws when the signal could not be sent for another reason.
   */
  public static boolean send(long pid, int signal) {
    if (pid <= 0 || signal < 0 || signal > 64) {
      throw new IllegalArgumentException("cannot send signal " + signal + " to pid " + pid);
    }
    if (signal == SIGTERM || signal == SIGKILL) {
      Optional<ProcessHandle> process = ProcessHandle.of(pid);
      if (process.isEmpty()) {
        return false;
      }
      return signal == SIGKILL ? process.get().destroyForcibly() : process.get().destroy();
    }
    HostCommand.Result r = HostCommand.runAllowingFailure(
        List.of("kill", "-s", Integer.toString(signal), "--", Long.toString(pid)), null);
    if (r.ok()) {
      return true;
    }
    if (r.stderr().contains("No such process")) {
      return false;
    }
    throw new IllegalStateException("could not send signal " + signal + " to pid " + pid + ": " + r.stderr().strip());
  }

  /**
   * The number of a signal given as Docker accepts it: {@code "15"}, {@code "TERM"} or
   * {@code "SIGTERM"} (any case), or {@code "RTMIN+3"}.
   */
  public static int parse(String name) {
    String n = name.strip().toUpperCase(Locale.ROOT);
    if (n.startsWith("SIG")) {
      n = n.substring(3);
    }
    if (n.matches("\\d{1,2}")) {
      int number = Integer.parseInt(n);
      if (number >= 1 && number <= 64) {
        return number;
      }
    } else if (NUMBERS.containsKey(n)) {
      return NUMBERS.get(n);
    } else if (n.matches("RTMIN(\\+\\d{1,2})?")) {
      int number = 34 + (n.length() > 5 ? Integer.parseInt(n.substring(6)) : 0);
      if (number <= 64) {
        return number;
      }
    }
    throw new IllegalArgumentException("unknown signal \"" + name + "\" (use a number 1-64 or a name such as SIGTERM, KILL, HUP)");
  }
}
