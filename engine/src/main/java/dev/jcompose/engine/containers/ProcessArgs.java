package dev.jcompose.engine.containers;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Docker's rules for what a container runs and with which environment. */
public final class ProcessArgs {
  static final String DEFAULT_PATH = "PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin";

  private ProcessArgs() {}

  /**
   * The command line: the container's Entrypoint (else the image's) followed by its Cmd (else the
   * image's — unless the container set its own Entrypoint, which resets the image's Cmd).
   */
  public static List<String> argv(List<String> entrypoint, List<String> cmd, List<String> imageEntrypoint, List<String> imageCmd) {
    List<String> ep = entrypoint != null ? entrypoint : imageEntrypoint;
    List<String> c = cmd != null ? cmd : (entrypoint != null ? null : imageCmd);
    List<String> out = new ArrayList<>();
    if (ep != null) {
      out.addAll(ep);
    }
    if (c != null) {
      out.addAll(c);
    }
    return out;
  }

  /** The image's environment overridden by the container's, with a default PATH as Docker adds. */
  public static List<String> env(List<String> imageEnv, List<String> containerEnv, String hostname) {
    Map<String, String> merged = new LinkedHashMap<>();
    add(merged, List.of(DEFAULT_PATH));
    add(merged, imageEnv);
    merged.put("HOSTNAME", hostname);
    add(merged, containerEnv);
    List<String> out = new ArrayList<>();
    merged.forEach((k, v) -> out.add(v == null ? k : k + "=" + v));
    return out;
  }

  private static void add(Map<String, String> into, List<String> env) {
    if (env == null) {
      return;
    }
    for (String e : env) {
      int eq = e.indexOf('=');
      if (eq > 0) {
        into.put(e.substring(0, eq), e.substring(eq + 1));
      }
    }
  }
}
