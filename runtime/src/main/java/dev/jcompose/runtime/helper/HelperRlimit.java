package dev.jcompose.runtime.helper;

/**
 * One {@code rlimit=} line of the helper spec: setrlimit({@code resource}, {soft, hard});
 * a negative value is RLIM_INFINITY.
 *
 * @param resource the RLIMIT_* number (7 is RLIMIT_NOFILE)
 */
public record HelperRlimit(int resource, long soft, long hard) {
  public HelperRlimit {
    if (resource < 0) {
      throw new IllegalArgumentException("rlimit resource " + resource + " must not be negative");
    }
  }

  /** {@code RESOURCE:SOFT:HARD}, unlimited as 18446744073709551615 (RLIM_INFINITY, -1 as unsigned). */
  String render() {
    return resource + ":" + Long.toUnsignedString(soft < 0 ? -1 : soft) + ":" + Long.toUnsignedString(hard < 0 ? -1 : hard);
  }
}
