package dev.jcompose.engine.containers;

import java.time.Duration;

/** Docker's wording for durations in status lines: "Less than a second", "5 seconds", "About a minute", "3 hours", "5 months" (go-units HumanDuration). */
public final class HumanDuration {
  private HumanDuration() {}

  public static String of(Duration d) {
    long s = Math.max(0, d.getSeconds());
    if (s < 1) {
      return "Less than a second";
    } else if (s == 1) {
      return "1 second";
    } else if (s < 60) {
      return s + " seconds";
    }
    long m = s / 60;
    if (m == 1) {
      return "About a minute";
    } else if (m < 60) {
      return m + " minutes";
    }
    long h = Math.round(s / 3600.0);
    if (h == 1) {
      return "About an hour";
    } else if (h < 48) {
      return h + " hours";
    } else if (h < 24 * 7 * 2) {
      return h / 24 + " days";
    } else if (h < 24 * 30 * 2) {
      return h / 24 / 7 + " weeks";
    } else if (h < 24 * 365 * 2) {
      return h / 24 / 30 + " months";
    }
    return s / 3600 / 24 / 365 + " years";
  }
}
