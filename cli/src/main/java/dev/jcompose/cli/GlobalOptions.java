package dev.jcompose.cli;

import dev.jcompose.cli.engine.EngineLocation;
import dev.jcompose.cli.output.Progress;
import dev.jcompose.cli.output.ProgressMode;
import java.io.PrintStream;
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

  @Option(names = "--progress", description = "Type of progress output: auto, tty, plain, json, quiet (default: $COMPOSE_PROGRESS, else auto)")
  public String progress;

  @Option(names = "--ansi", description = "When to print ANSI control characters: never, always, auto (default: $COMPOSE_ANSI, else auto)")
  public String ansi;

  /** Progress on {@code out} as --progress, --ansi and NO_COLOR ask (auto: in place on a terminal, plain lines otherwise). */
  public Progress progress(PrintStream out) {
    String ansiMode = ansi != null ? ansi : System.getenv("COMPOSE_ANSI");
    ProgressMode mode = ProgressMode.resolve(progress != null ? progress : System.getenv("COMPOSE_PROGRESS"), ansiMode,
        System.console() != null && !"dumb".equals(System.getenv("TERM")));
    boolean colors = System.getenv("NO_COLOR") == null && !"never".equalsIgnoreCase(ansiMode);
    return Progress.of(out, mode, colors);
  }

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
