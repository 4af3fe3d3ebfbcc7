package dev.jcompose.build;

import java.util.ArrayList;
import java.util.List;

/** EXPOSE's {@code 80}, {@code 80/udp}, {@code 8000-8002/tcp} as the image config's {@code "80/tcp"} keys. */
final class ExposedPorts {
  private ExposedPorts() {}

  static List<String> parse(String spec) {
    String proto = "tcp";
    String ports = spec;
    int slash = spec.indexOf('/');
    if (slash >= 0) {
      proto = spec.substring(slash + 1).toLowerCase(java.util.Locale.ROOT);
      ports = spec.substring(0, slash);
    }
    if (!proto.equals("tcp") && !proto.equals("udp") && !proto.equals("sctp")) {
      throw new BuildException("EXPOSE " + spec + ": the protocol must be tcp, udp or sctp");
    }
    String[] range = ports.split("-", 2);
    try {
      int from = Integer.parseInt(range[0]);
      int to = range.length == 2 ? Integer.parseInt(range[1]) : from;
      if (from < 1 || to > 65535 || to < from) {
        throw new NumberFormatException();
      }
      List<String> out = new ArrayList<>();
      for (int p = from; p <= to; p++) {
        out.add(p + "/" + proto);
      }
      return out;
    } catch (NumberFormatException e) {
      throw new BuildException("EXPOSE " + spec + ": not a port or port range (write e.g. 80, 8080/udp or 8000-8010)");
    }
  }
}
