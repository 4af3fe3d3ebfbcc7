package dev.jcompose.runtime.helper;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

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
 *
 * <p>{@code jc-helper exec} sends "pid N", then "started" or "error MSG", then the command's
 * output as Docker's multiplexed stream; it exits with the command's exit code.
 * {@link #readLine(InputStream)} reads its lines without reading ahead into that stream.
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

  /** Longest line the helper sends ("error " and a message of at most 4 KiB). */
  static final int MAX_LINE = 8192;

  /**
   * Reads one line, byte by byte, so that nothing after its newline is consumed; {@code null}
   * at end of stream. Lines are UTF-8; one longer than {@link #MAX_LINE} bytes is cut there.
   */
  public static String readLine(InputStream in) throws IOException {
    ByteArrayOutputStream line = new ByteArrayOutputStream();
    for (int b; (b = in.read()) != -1; ) {
      if (b == '\n') {
        return line.toString(StandardCharsets.UTF_8);
      }
      if (line.size() < MAX_LINE) {
        line.write(b);
      }
    }
    return line.size() == 0 ? null : line.toString(StandardCharsets.UTF_8);
  }

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
