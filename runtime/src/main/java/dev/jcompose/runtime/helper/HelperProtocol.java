package dev.jcompose.runtime.helper;

/**
 * The one-line messages exchanged with jc-helper over its stdin and stdout (the C side is
 * documented at the top of {@code jc-helper.c}):
 *
 * <pre>
 *  helper                         engine
 *  "pid N"       ─────────────►   init cloned (host pid N), blocked on the sync pipe
 *                                 engine: cgroups, veth into the netns
 *                ◄─────────────   "go"    (or "abort", or EOF: kill the init, exit 1)
 *  "started"     ─────────────►   exec happened; helper is now the monitor
 *  "error MSG"   ─────────────►   (instead of "pid" or "started") nothing runs; helper exits 1
 * </pre>
 */
public final class HelperProtocol {
  public static final String GO = "go";
  public static final String ABORT = "abort";

  private HelperProtocol() {}

  /** What the helper said. */
  public sealed interface Reply permits Pid, Started, Failed, Closed {}

  /** The container's init was cloned and waits for {@link #GO}. */
  public record Pid(long pid) implements Reply {}

  /** The container's command was exec'd. */
  public record Started() implements Reply {}

  /** Setup failed; {@code message} names the step, the path and the OS error. */
  public record Failed(String message) implements Reply {}

  /** The helper closed its stdout without a reply (it crashed or was killed). */
  public record Closed() implements Reply {}

  /** Parses one line from the helper; {@code null} (end of stream) is {@link Closed}. */
  public static Reply parse(String line) {
    if (line == null) {
      return new Closed();
    }
    if (line.equals("started")) {
      return new Started();
    }
    if (line.startsWith("error ")) {
      return new Failed(line.substring("error ".length()));
    }
    if (line.startsWith("pid ")) {
      try {
        return new Pid(Long.parseLong(line.substring("pid ".length())));
      } catch (NumberFormatException e) {
        // fall through: not a valid reply
      }
    }
    return new Failed("unexpected reply from jc-helper: \"" + line + "\"");
  }
}
