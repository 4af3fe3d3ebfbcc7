package dev.jcompose.engine.containers;

import dev.jcompose.api.model.Mount;
import dev.jcompose.engine.http.ApiException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The options of a tmpfs mount, as Docker makes them: {@code noexec,nosuid,nodev} by default
 * ({@code exec}, {@code suid}, {@code dev} turn one off), then what {@code HostConfig.Tmpfs}
 * gives ({@code "size=64m,mode=1777"}) or {@code Mount.TmpfsOptions} ({@code SizeBytes},
 * {@code Mode}). Checked here, so a bad value fails the create with a message, not the start.
 */
final class TmpfsOptions {
  private static final Set<String> FLAGS = Set.of("ro", "rw", "nosuid", "nodev", "noexec", "noatime", "relatime", "strictatime",
      "exec", "suid", "dev");
  private static final Map<String, Pattern> DATA = Map.of(
      "size", Pattern.compile("[0-9]+[kmgKMG%]?"),
      "mode", Pattern.compile("[0-7]{1,4}"),
      "uid", Pattern.compile("[0-9]+"),
      "gid", Pattern.compile("[0-9]+"),
      "nr_inodes", Pattern.compile("[0-9]+[kmgKMG]?"),
      "nr_blocks", Pattern.compile("[0-9]+[kmgKMG]?"));

  private TmpfsOptions() {}

  /** {@code HostConfig.Tmpfs}'s value for {@code target}: comma-separated flags and key=value options. */
  static List<String> parse(String target, String text) {
    Map<String, String> data = new LinkedHashMap<>();
    List<String> flags = new ArrayList<>();
    for (String o : text == null ? new String[0] : text.split(",")) {
      o = o.trim();
      if (o.isEmpty()) {
        continue;
      }
      int eq = o.indexOf('=');
      if (eq < 0) {
        if (!FLAGS.contains(o)) {
          throw bad(target, text, "\"" + o + "\" is not a tmpfs option (flags: " + String.join(", ", new java.util.TreeSet<>(FLAGS))
              + "; values: " + String.join(", ", new java.util.TreeSet<>(DATA.keySet())) + ")");
        }
        flags.add(o);
        continue;
      }
      String key = o.substring(0, eq);
      String value = o.substring(eq + 1);
      Pattern p = DATA.get(key);
      if (p == null) {
        throw bad(target, text, "\"" + key + "\" is not a tmpfs option (" + String.join(", ", new java.util.TreeSet<>(DATA.keySet())) + ")");
      }
      if (!p.matcher(value).matches()) {
        throw bad(target, text, key + "=" + value + " is not valid (" + (key.equals("mode") ? "an octal mode such as 1777"
            : "a number, with k, m or g" + (key.equals("size") ? " or %" : "")) + ")");
      }
      data.put(key, value);
    }
    return withDefaults(flags, data);
  }

  /** {@code Mount.TmpfsOptions}: size in bytes, mode as a number (octal in the mount options). */
  static List<String> of(Mount.TmpfsOptions o) {
    Map<String, String> data = new LinkedHashMap<>();
    if (o != null && o.sizeBytes() != null && o.sizeBytes() > 0) {
      data.put("size", Long.toString(o.sizeBytes()));
    }
    if (o != null && o.mode() != null && o.mode() != 0) {
      data.put("mode", Integer.toOctalString(o.mode() & 07777));
    }
    return withDefaults(List.of(), data);
  }

  private static List<String> withDefaults(List<String> flags, Map<String, String> data) {
    List<String> out = new ArrayList<>();
    for (String[] d : new String[][] {{"noexec", "exec"}, {"nosuid", "suid"}, {"nodev", "dev"}}) {
      if (!flags.contains(d[1])) {
        out.add(d[0]);
      }
    }
    flags.stream().filter(f -> !f.equals("exec") && !f.equals("suid") && !f.equals("dev") && !f.equals("rw") && !out.contains(f))
        .forEach(out::add);
    data.forEach((k, v) -> out.add(k + "=" + v));
    return out;
  }

  private static ApiException bad(String target, String text, String why) {
    return ApiException.badRequest("invalid tmpfs options for " + target + " (\"" + text + "\"): " + why);
  }
}
