package dev.jcompose.cli.commands;

/** Sizes in Docker's units (decimal: kB, MB, GB). */
final class Sizes {
  private Sizes() {}

  static String human(Long bytes) {
    if (bytes == null) {
      return "";
    }
    double v = bytes;
    String[] units = {"B", "kB", "MB", "GB", "TB"};
    int u = 0;
    while (v >= 1000 && u < units.length - 1) {
      v /= 1000;
      u++;
    }
    return u == 0 ? bytes + "B" : String.format(java.util.Locale.ROOT, "%.3g%s", v, units[u]);
  }
}
