package dev.jcompose.cli.output;

import java.io.PrintStream;

/**
 * Compose-style progress lines, one per event, safe to call from parallel tasks:
 * {@code  ✔ Container firstlight-web-1  Started}.
 */
public final class Progress {
  private final PrintStream out;

  public Progress(PrintStream out) {
    this.out = out;
  }

  public synchronized void done(String kind, String name, String status) {
    out.println(" \u2714 " + kind + " " + name + "  " + status);
    out.flush();
  }

  public synchronized void working(String kind, String name, String status) {
    out.println("   " + kind + " " + name + "  " + status);
    out.flush();
  }

  public synchronized void failed(String kind, String name, String why) {
    out.println(" \u2718 " + kind + " " + name + "  Error: " + why);
    out.flush();
  }

  public synchronized void warn(String message) {
    out.println("WARN[0000] " + message);
    out.flush();
  }
}
