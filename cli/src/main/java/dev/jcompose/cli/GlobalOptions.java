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

  @Option(names = "--parallel", description = "Control max parallelism, -1 for unlimited (default: $COMPOSE_PARALLEL_LIMIT, else unlimited)")
  public Integer parallel;

  @Option(names = "--stacktrace", description = "Print the Java stack trace of an error")
  public boolean stacktrace;

  /** How many services may be worked on at once; 0 means no limit. */
  public int parallelLimit() {
    Integer n = parallel;
    if (n == null && System.getenv("COMPOSE_PARALLEL_LIMIT") != null) {
      try {
        n = Integer.parseInt(System.getenv("COMPOSE_PARALLEL_LIMIT").trim());
      } catch (NumberFormatException e) {
        throw new UserFacingException("COMPOSE_PARALLEL_LIMIT must be a number, got \"" + System.getenv("COMPOSE_PARALLEL_LIMIT") + "\"");
      }
    }
    return n == null || n < 0 ? 0 : n;
  }

  public EngineLocation engineLocation() {
    return EngineLocation.resolve(root, System.getenv());
  }
}
