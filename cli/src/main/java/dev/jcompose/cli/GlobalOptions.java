package dev.jcompose.cli;

import dev.jcompose.cli.engine.EngineLocation;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;

/** Options every command takes, as in Docker Compose (plus where the engine lives). */
public final class GlobalOptions {
  @Option(names = {"-f", "--file"}, description = "Compose configuration files (repeatable)")
  public List<Path> files = new ArrayList<>();

  @Option(names = {"-p", "--project-name"}, description = "Project name")
  public String projectName;

  @Option(names = "--project-directory", description = "Alternate working directory (default: the directory of the first Compose file)")
  public Path projectDirectory;

  @Option(names = "--env-file", description = "Alternate environment files")
  public List<Path> envFiles = new ArrayList<>();

  @Option(names = "--profile", description = "Profiles to enable")
  public List<String> profiles = new ArrayList<>();

  @Option(names = "--root", description = "Engine state directory (default /var/lib/jcompose, or $JCOMPOSE_ROOT)")
  public Path root;

  @Option(names = "--stacktrace", description = "Print the Java stack trace of an error")
  public boolean stacktrace;

  public EngineLocation engineLocation() {
    return EngineLocation.resolve(root, System.getenv());
  }
}
