package dev.jcompose.runtime;

import dev.jcompose.runtime.helper.HelperRlimit;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A process's resource limits from {@code /proc/PID/limits}, whose rows are in RLIMIT_* order
 * (row 0 "Max cpu time" is RLIMIT_CPU, row 7 "Max open files" RLIMIT_NOFILE); an exec takes
 * the container's, as runc's exec does from the container's config.
 */
final class ProcLimits {
  private ProcLimits() {}

  /** Every limit of the text of a {@code /proc/PID/limits} file; unlimited as -1. */
  static List<HelperRlimit> parse(String text) {
    List<HelperRlimit> out = new ArrayList<>();
    String[] lines = text.split("\n");
    for (int i = 1; i < lines.length; i++) { // line 0: "Limit  Soft Limit  Hard Limit  Units"
      if (lines[i].length() <= 26) {
        continue;
      }
      String[] cols = lines[i].substring(26).trim().split("\\s+");
      if (cols.length >= 2) {
        out.add(new HelperRlimit(out.size(), value(cols[0]), value(cols[1])));
      }
    }
    return out;
  }

  private static long value(String v) {
    return v.equals("unlimited") ? -1 : Long.parseLong(v);
  }

  /** The limits of {@code container} that differ from {@code own}: what an exec must set to match the container. */
  static List<HelperRlimit> differing(List<HelperRlimit> container, List<HelperRlimit> own) {
    List<HelperRlimit> out = new ArrayList<>();
    for (HelperRlimit r : container) {
      if (own.stream().noneMatch(o -> o.resource() == r.resource() && Objects.equals(o, r))) {
        out.add(r);
      }
    }
    return out;
  }

  /** The limits of process {@code pid} that differ from this JVM's (whose limits a new helper inherits). */
  static List<HelperRlimit> ofContainer(long pid) throws IOException {
    return differing(parse(Files.readString(Path.of("/proc/" + pid + "/limits"))), parse(Files.readString(Path.of("/proc/self/limits"))));
  }

  /** The container's oom_score_adj when it differs from this JVM's, else null. */
  static Integer oomScoreAdjOf(long pid) throws IOException {
    String theirs = Files.readString(Path.of("/proc/" + pid + "/oom_score_adj")).trim();
    String ours = Files.readString(Path.of("/proc/self/oom_score_adj")).trim();
    return theirs.equals(ours) ? null : Integer.valueOf(theirs);
  }
}
