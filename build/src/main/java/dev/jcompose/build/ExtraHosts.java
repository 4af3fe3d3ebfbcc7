package dev.jcompose.build;

import java.util.List;

/** {@code --add-host} / Compose {@code extra_hosts} entries ({@code name:ip} or {@code name=ip}) as /etc/hosts lines. */
public final class ExtraHosts {
  private ExtraHosts() {}

  public static String render(List<String> entries) {
    StringBuilder sb = new StringBuilder();
    for (String e : entries) {
      int sep = e.indexOf('=') >= 0 ? e.indexOf('=') : e.indexOf(':');
      if (sep <= 0 || sep == e.length() - 1) {
        throw new BuildException("extra host \"" + e + "\" must be NAME:IP (or NAME=IP)");
      }
      String ip = e.substring(sep + 1);
      if (ip.startsWith("[") && ip.endsWith("]")) {
        ip = ip.substring(1, ip.length() - 1);
      }
      sb.append(ip).append('\t').append(e, 0, sep).append('\n');
    }
    return sb.toString();
  }
}
