package dev.jcompose.cli.commands;

import dev.jcompose.api.client.EngineClient;
import dev.jcompose.api.model.ContainerSummary;
import dev.jcompose.cli.GlobalOptions;
import dev.jcompose.cli.UserFacingException;
import dev.jcompose.cli.compose.ComposeLabels;
import dev.jcompose.cli.compose.ProjectLoading;
import dev.jcompose.cli.engine.EngineStarter;
import dev.jcompose.cli.output.Table;
import dev.jcompose.compose.model.Project;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import picocli.CommandLine.Command;
import dev.jcompose.cli.Main;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code jcompose ps}: the project's containers. */
@Command(name = "ps", description = "List containers")
public final class PsCommand implements Runnable {
  private static final Set<String> STATUSES = Set.of("paused", "restarting", "removing", "running", "dead", "created", "exited");

  @ParentCommand
  Main main;

  @Option(names = {"-a", "--all"}, description = "Show all stopped containers (including those created by the run command)")
  boolean all;

  @Option(names = {"-q", "--quiet"}, description = "Only display IDs")
  boolean quiet;

  @Option(names = "--services", description = "Display services")
  boolean services;

  @Option(names = "--format", defaultValue = "table", description = "Format the output: table or json (one object per line, as Compose prints)")
  String format;

  @Option(names = "--status", description = "Filter services by status: ${COMPLETION-CANDIDATES}", completionCandidates = StatusCandidates.class)
  List<String> status = new ArrayList<>();

  @Parameters(description = "Services")
  List<String> serviceNames = new ArrayList<>();

  private GlobalOptions global() {
    return main.global;
  }

  @Override
  public void run() {
    for (String s : status) {
      if (!STATUSES.contains(s)) {
        throw new UserFacingException("invalid status \"" + s + "\": use one of " + new java.util.TreeSet<>(STATUSES));
      }
    }
    Project project = ProjectLoading.load(global(), serviceNames);
    EngineClient engine = new EngineStarter(global().engineLocation()).connect();
    boolean showAll = all || !status.isEmpty();
    List<ContainerSummary> rows = engine.listContainers(showAll, List.of(ComposeLabels.project(project.name()))).stream()
        .filter(c -> serviceNames.isEmpty() || serviceNames.contains(c.labels().get(ComposeLabels.SERVICE)))
        .filter(c -> status.isEmpty() || status.contains(c.state()))
        .filter(c -> showAll || !"True".equals(c.labels().get(ComposeLabels.ONEOFF))) // Compose: --all (or --status) lists `run` containers too
        .sorted(Comparator.comparing(ContainerSummary::name))
        .toList();
    if (services) {
      Set<String> names = new LinkedHashSet<>();
      rows.forEach(c -> names.add(c.labels().get(ComposeLabels.SERVICE)));
      names.forEach(System.out::println);
      return;
    }
    if (quiet) {
      rows.forEach(c -> System.out.println(c.id()));
      return;
    }
    if (format.equals("json")) {
      rows.forEach(c -> System.out.println(json(c)));
      return;
    }
    if (!format.equals("table")) {
      throw new UserFacingException("unsupported --format \"" + format + "\": use table or json");
    }
    Table t = new Table("NAME", "IMAGE", "COMMAND", "SERVICE", "CREATED", "STATUS", "PORTS");
    for (ContainerSummary c : rows) {
      t.row(c.name(), c.image(), quoteCommand(c.command()), c.labels().get(ComposeLabels.SERVICE),
          Times.ago(Duration.between(Instant.ofEpochSecond(c.created()), Instant.now())), c.status(), ports(c));
    }
    System.out.print(t.render());
  }

  /** Compose's {@code ps --format json} object for one container. */
  static String json(ContainerSummary c) {
    com.fasterxml.jackson.databind.node.ObjectNode o = dev.jcompose.api.model.Json.mapper().createObjectNode();
    o.put("ID", c.id());
    o.put("Name", c.name());
    o.put("Image", c.image());
    o.put("Command", "\"" + (c.command() == null ? "" : c.command()) + "\"");
    o.put("Project", c.labels().get(ComposeLabels.PROJECT));
    o.put("Service", c.labels().get(ComposeLabels.SERVICE));
    o.put("Created", c.created() == null ? 0 : c.created());
    o.put("State", c.state());
    o.put("Status", c.status());
    o.put("Health", "");
    o.put("ExitCode", exitCodeOf(c.status()));
    com.fasterxml.jackson.databind.node.ArrayNode publishers = o.putArray("Publishers");
    if (c.ports() != null) {
      for (ContainerSummary.Port p : c.ports()) {
        com.fasterxml.jackson.databind.node.ObjectNode pub = publishers.addObject();
        pub.put("URL", p.ip() == null ? "" : p.ip());
        pub.put("TargetPort", p.privatePort() == null ? 0 : p.privatePort());
        pub.put("PublishedPort", p.publicPort() == null ? 0 : p.publicPort());
        pub.put("Protocol", p.type());
      }
    }
    return o.toString();
  }

  /** "Exited (3) 2 seconds ago" → 3; 0 otherwise. */
  static int exitCodeOf(String status) {
    java.util.regex.Matcher m = java.util.regex.Pattern.compile("^Exited \\((-?[0-9]+)\\)").matcher(status == null ? "" : status);
    return m.find() ? Integer.parseInt(m.group(1)) : 0;
  }

  static String quoteCommand(String command) {
    String c = command == null ? "" : command.replace("\n", " ");
    return "\"" + (c.length() > 20 ? c.substring(0, 19) + "\u2026" : c) + "\""; // Docker's Ellipsis(command, 20)
  }

  static String ports(ContainerSummary c) {
    if (c.ports() == null) {
      return "";
    }
    List<String> out = new ArrayList<>();
    for (ContainerSummary.Port p : c.ports()) {
      out.add(p.publicPort() == null ? p.privatePort() + "/" + p.type()
          : (p.ip() == null || p.ip().isEmpty() ? "0.0.0.0" : p.ip().contains(":") ? "[" + p.ip() + "]" : p.ip()) + ":" + p.publicPort() + "->" + p.privatePort() + "/" + p.type());
    }
    return String.join(", ", out);
  }

  /** For the help text. */
  static final class StatusCandidates extends ArrayList<String> {
    StatusCandidates() {
      super(List.of("paused", "restarting", "removing", "running", "dead", "created", "exited"));
    }
  }
}
