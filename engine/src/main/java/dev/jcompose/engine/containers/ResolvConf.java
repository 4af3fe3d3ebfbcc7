package dev.jcompose.engine.containers;

import java.util.ArrayList;
import java.util.List;

/**
 * A container's /etc/resolv.conf made from the host's, as Docker does: nameservers on the host's
 * loopback cannot be reached from a container's network namespace, so they are dropped.
 */
final class ResolvConf {
  private ResolvConf() {}

  static String forContainer(String hostResolvConf) {
    List<String> lines = new ArrayList<>();
    for (String line : hostResolvConf.split("\n")) {
      String t = line.trim();
      if (t.startsWith("nameserver") && (t.contains(" 127.") || t.contains(" ::1"))) {
        continue;
      }
      lines.add(line);
    }
    return String.join("\n", lines) + "\n";
  }
}
