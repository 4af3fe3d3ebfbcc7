package dev.jcompose.cli.commands;

import java.time.Duration;

/** "2 minutes ago", as Docker prints ages. */
final class Times {
  private Times() {}

  static String ago(Duration d) {
    long s = Math.max(0, d.getSeconds());
    if (s < 60) {
      return s <= 1 ? "1 second ago" : s + " seconds ago";
    }
    long m = s / 60;
    if (m < 60) {
      return m == 1 ? "About a minute ago" : m + " minutes ago";
    }
    long h = m / 60;
    if (h < 48) {
      return h == 1 ? "About an hour ago" : h + " hours ago";
    }
    return h / 24 + " days ago";
  }
}
