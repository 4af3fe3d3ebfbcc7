package dev.jcompose.cli.commands;

import picocli.CommandLine.Command;
import picocli.CommandLine.IVersionProvider;

/** {@code jcompose version}. */
@Command(name = "version", description = "Show the jcompose version information")
public final class VersionCommand implements Runnable {
  public static final String VERSION = "0.1.0";

  @Override
  public void run() {
    System.out.println("jcompose version " + VERSION);
  }

  /** For {@code --version}. */
  public static final class Provider implements IVersionProvider {
    @Override
    public String[] getVersion() {
      return new String[] {"jcompose version " + VERSION};
    }
  }
}
