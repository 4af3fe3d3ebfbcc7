package dev.jcompose.cli.commands;

import dev.jcompose.api.client.EngineApiException;
import dev.jcompose.api.client.EngineClient;
import dev.jcompose.api.model.ContainerSummary;
import dev.jcompose.api.model.ExecCreateRequest;
import dev.jcompose.api.model.ExecInspect;
import dev.jcompose.cli.Main;
import dev.jcompose.cli.UserFacingException;
import dev.jcompose.cli.compose.ComposeLabels;
import dev.jcompose.cli.compose.ProjectLoading;
import dev.jcompose.cli.engine.EngineStarter;
import dev.jcompose.compose.model.Project;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/**
 * {@code jcompose exec SERVICE COMMAND...}: runs a command in a running container of the service
 * (Docker's exec API) and exits with its exit code. Options after SERVICE belong to the command.
 */
@Command(name = "exec", modelTransformer = ExecCommand.StopAtCommand.class, mixinStandardHelpOptions = true,
    description = "Execute a command in a running container of a service, and exit with its exit code.",
    footer = {"", "No TTY support yet: every exec runs as with -T (no pseudo-terminal).",
        "Stdin is not attached: the command reads end of file. Its stdout and stderr are copied to yours."})
public final class ExecCommand implements Callable<Integer> {
  @ParentCommand
  Main main;

  @Option(names = {"-T", "--no-TTY"}, description = "Disable pseudo-TTY allocation (always the case for now)")
  boolean noTty;

  @Option(names = {"-d", "--detach"}, description = "Detached mode: run the command in the background")
  boolean detach;

  @Option(names = {"-u", "--user"}, description = "Run the command as this user (name or uid, optionally :group)")
  String user;

  @Option(names = {"-w", "--workdir"}, description = "Path to the working directory for this command")
  String workdir;

  @Option(names = {"-e", "--env"}, description = "Set environment variables (KEY=VALUE)")
  List<String> env = new ArrayList<>();

  @Option(names = "--index", defaultValue = "1", description = "Index of the container if the service has several replicas (default: ${DEFAULT-VALUE})")
  int index;

  @Parameters(index = "0", paramLabel = "SERVICE", description = "The service whose container runs the command")
  String service;

  @Parameters(index = "1..*", arity = "1..*", paramLabel = "COMMAND", description = "The command and its arguments")
  List<String> command = new ArrayList<>();

  /** Options after SERVICE are the command's ({@code exec web ls -l}), as in Docker Compose. */
  public static final class StopAtCommand implements CommandLine.IModelTransformer {
    @Override
    public CommandLine.Model.CommandSpec transform(CommandLine.Model.CommandSpec spec) {
      spec.parser().stopAtPositional(true);
      return spec;
    }
  }

  @Override
  public Integer call() {
    Project project = ProjectLoading.load(main.global, List.of(service));
    EngineClient engine = new EngineStarter(main.global.engineLocation()).connect();
    ContainerSummary container = find(engine.listContainers(false, List.of(ComposeLabels.project(project.name()),
        ComposeLabels.service(service))), service, index);
    String execId = engine.createExec(container.id(), ExecCreateRequest.of(command, user, workdir, env)).id();
    PrintStream out = System.out;
    PrintStream err = System.err;
    try {
      engine.startExec(execId, detach, (stream, payload) -> {
        PrintStream to = stream == 2 ? err : out;
        to.write(payload);
        to.flush();
      });
    } catch (EngineApiException e) {
      err.println("Error response from engine: " + e.getMessage());
      return exitCodeOf(engine.inspectExec(execId), 126);
    }
    return detach ? 0 : exitCodeOf(engine.inspectExec(execId), 0);
  }

  /** The running container of {@code service} with container-number {@code index}. */
  static ContainerSummary find(List<ContainerSummary> running, String service, int index) {
    if (running.isEmpty()) {
      throw new UserFacingException("service \"" + service + "\" is not running: start it with `jcompose up -d " + service + "`");
    }
    return running.stream()
        .filter(c -> Integer.toString(index).equals(c.labels().get(ComposeLabels.NUMBER)))
        .findFirst()
        .orElseThrow(() -> new UserFacingException("service \"" + service + "\" has no running container with index " + index
            + " (running: " + running.stream().map(c -> c.labels().get(ComposeLabels.NUMBER)).sorted().toList() + ")"));
  }

  private static int exitCodeOf(ExecInspect inspect, int fallback) {
    return inspect.exitCode() == null ? fallback : inspect.exitCode();
  }
}
