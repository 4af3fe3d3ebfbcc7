package dev.jcompose.cli.commands;

import dev.jcompose.cli.GlobalOptions;
import dev.jcompose.cli.Main;
import dev.jcompose.cli.UserFacingException;
import dev.jcompose.compose.loader.ProjectLoader;
import dev.jcompose.compose.loader.ProjectOptions;
import dev.jcompose.compose.model.Project;
import dev.jcompose.compose.model.ServiceConfig;
import dev.jcompose.compose.render.ConfigRenderer;
import dev.jcompose.compose.render.ServiceHash;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code jcompose config}: loads the project (every phase of compose-model's PARSING.md) and
 * prints it normalized, as {@code docker compose config}: YAML, or JSON with
 * {@code --format json}. {@code -q} only checks the files (exit 0, or 15 with the loader's
 * {@code file:line:column} message). Needs no engine.
 */
@Command(name = "config", description = "Parse, resolve and render the Compose file in canonical format")
public final class ConfigCommand implements Callable<Integer> {

  /** The output formats of {@code --format}. */
  enum Format { yaml, json }

  @ParentCommand
  Main main;

  @Spec
  CommandSpec spec;

  @Option(names = "--format", description = "Format the output: ${COMPLETION-CANDIDATES} (default: yaml)")
  Format format = Format.yaml;

  @Option(names = {"-q", "--quiet"}, description = "Only validate the configuration, don't print anything")
  boolean quiet;

  @Option(names = "--services", description = "Print the service names, one per line")
  boolean services;

  @Option(names = "--volumes", description = "Print the volume names, one per line")
  boolean volumes;

  @Option(names = "--profiles", description = "Print the profile names, one per line")
  boolean profiles;

  @Option(names = "--images", description = "Print the image names, one per line")
  boolean images;

  @Option(names = "--no-interpolate", description = "Don't interpolate environment variables")
  boolean noInterpolate;

  @Option(names = "--hash", paramLabel = "SERVICES",
      description = "Print the service config hash, one per line (\"*\" for every service, else a comma-separated list)")
  String hash;

  @Option(names = {"-o", "--output"}, description = "Save to a file instead of printing")
  Path output;

  @Parameters(paramLabel = "SERVICE", description = "Only these services (and what they depend on)")
  List<String> serviceNames = new ArrayList<>();

  @Override
  public Integer call() throws IOException {
    GlobalOptions g = main.global;
    ProjectOptions options = ProjectOptions.of(Path.of(System.getProperty("user.dir")))
        .withFiles(g.files)
        .withProjectDirectory(g.projectDirectory)
        .withEnvironment(System.getenv())
        .withProjectName(g.projectName)
        .withEnvFiles(g.envFiles)
        .withInterpolation(!noInterpolate);
    Project all = ProjectLoader.load(options);
    all.warnings().forEach(w -> System.err.println("WARN[0000] " + w));
    if (profiles) {
      Set<String> names = new TreeSet<>();
      all.services().forEach(s -> names.addAll(s.profiles()));
      return print(String.join("\n", names));
    }
    Project project = select(all, activeProfiles(g, System.getenv()), serviceNames);
    if (quiet) {
      return 0;
    }
    if (services) {
      return print(String.join("\n", project.serviceNames()));
    }
    if (volumes) {
      return print(String.join("\n", project.volumes().keySet()));
    }
    if (images) {
      return print(String.join("\n", project.services().stream().map(s -> image(project, s)).toList()));
    }
    if (hash != null) {
      return print(hashes(project, hash));
    }
    return print(format == Format.json ? ConfigRenderer.renderJson(project) : ConfigRenderer.render(project));
  }

  /** {@code --profile}s, else {@code COMPOSE_PROFILES} (comma-separated), as the other commands. */
  static List<String> activeProfiles(GlobalOptions g, Map<String, String> env) {
    List<String> active = new ArrayList<>(g.profiles);
    String fromEnv = env.get("COMPOSE_PROFILES");
    if (active.isEmpty() && fromEnv != null && !fromEnv.isBlank()) {
      Arrays.stream(fromEnv.split(",")).map(String::trim).filter(p -> !p.isEmpty()).forEach(active::add);
    }
    return active;
  }

  /**
   * The services the active profiles enable; with service names, only those and the services
   * they depend on, directly or not (naming a service enables its profiles, as in Compose).
   */
  static Project select(Project all, List<String> activeProfiles, List<String> targets) {
    for (String s : targets) {
      if (all.service(s).isEmpty()) {
        throw new UserFacingException("no such service: " + s + " (the project has "
            + String.join(", ", all.serviceNames()) + ")");
      }
    }
    Project enabled = all.withProfiles(activeProfiles, targets);
    if (targets.isEmpty()) {
      return enabled;
    }
    Set<String> wanted = new LinkedHashSet<>();
    Deque<String> todo = new ArrayDeque<>(targets);
    while (!todo.isEmpty()) {
      String name = todo.pop();
      if (wanted.add(name)) {
        enabled.service(name).ifPresent(s -> todo.addAll(s.dependsOn().keySet()));
      }
    }
    return enabled.withServices(enabled.services().stream().filter(s -> wanted.contains(s.name())).toList());
  }

  /** The image a service runs: its {@code image}, else the one {@code build} makes, {@code <project>-<service>}. */
  static String image(Project project, ServiceConfig s) {
    return s.image() != null ? s.image() : project.name() + "-" + s.name();
  }

  static String hashes(Project project, String selection) {
    List<ServiceConfig> chosen;
    if (selection.trim().equals("*")) {
      chosen = project.services();
    } else {
      chosen = new ArrayList<>();
      for (String name : selection.split(",")) {
        String trimmed = name.trim();
        chosen.add(project.service(trimmed).orElseThrow(() -> new UserFacingException("no such service: "
            + trimmed + " (the project has " + String.join(", ", project.serviceNames()) + ")")));
      }
    }
    return String.join("\n", chosen.stream().map(s -> s.name() + " " + ServiceHash.of(s)).toList());
  }

  private int print(String text) throws IOException {
    String body = text.isEmpty() || text.endsWith("\n") ? text : text + "\n";
    if (output != null) {
      Files.writeString(output, body, StandardCharsets.UTF_8);
      return 0;
    }
    PrintWriter out = spec.commandLine().getOut();
    out.print(body);
    out.flush();
    return 0;
  }
}
