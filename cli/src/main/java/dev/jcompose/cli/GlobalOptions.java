package dev.jcompose.cli;

import dev.jcompose.cli.engine.EngineLocation;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

/** Options every command takes, as in Docker Compose (plus where the engine lives). */
public final class GlobalOptions {
  @Option(names = {"-f", "--file"}, scope = ScopeType.INHERIT, description = "Compose configuration files (repeatable)")
  public List<Path> files = new ArrayList<>();

  @Option(names = {"-p", "--project-name"}, scope = ScopeType.INHERIT, description = "Project name")
  public String projectName;

  @Option(names = "--project-directory", scope = ScopeType.INHERIT, description = "Alternate working directory (default: the directory of the first Compose file)")
  public Path projectDirectory;

  @Option(names = "--env-file", scope = ScopeType.INHERIT, description = "Alternate environment files")
  public List<Path> envFiles = new ArrayList<>();

  @Option(names = "--profile", scope = ScopeType.INHERIT, description = "Profiles to enable")
  public List<String> profiles = new ArrayList<>();

  @Option(names = "--root", scope = ScopeType.INHERIT, description = "Engine state directory (default /var/lib/jcompose, or $JCOMPOSE_ROOT)")
  public Path root;

  @Option(names = "--stacktrace", scope = ScopeType.INHERIT, description = "Print the Java stack trace of an error")
  public boolean stacktrace;

  public EngineLocation engineLocation() {
    return EngineLocation.resolve(root, System.getenv());
  }
}
