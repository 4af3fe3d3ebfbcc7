package dev.jcompose.cli.commands;

import dev.jcompose.api.client.EngineApiException;
import dev.jcompose.api.client.EngineClient;
import dev.jcompose.api.model.ContainerInspect;
import dev.jcompose.cli.Main;
import dev.jcompose.cli.UserFacingException;
import dev.jcompose.cli.compose.ConvergeOptions;
import dev.jcompose.cli.compose.DependencyWait;
import dev.jcompose.cli.compose.ImagePuller;
import dev.jcompose.cli.compose.OneOffContainer;
import dev.jcompose.cli.compose.ProjectLoading;
import dev.jcompose.cli.compose.ProjectResources;
import dev.jcompose.cli.compose.RunFlags;
import dev.jcompose.cli.engine.EngineStarter;
import dev.jcompose.cli.output.Progress;
import dev.jcompose.compose.dotenv.DotEnv;
import dev.jcompose.compose.model.PortConfig;
import dev.jcompose.compose.model.Project;
import dev.jcompose.compose.model.ServiceConfig;
import dev.jcompose.compose.model.ServiceVolume;
import dev.jcompose.scheduler.ServiceGraph;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.function.Function;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/**
 * {@code jcompose run SERVICE [COMMAND] [ARGS...]}: Docker Compose's one-off container. Starts the
 * service's dependencies as {@code up} would, creates a new container from the service's config
 * (labelled {@code com.docker.compose.oneoff=True}, named {@code <project>-<service>-run-<slug>}),
 * then either prints its id ({@code -d}) or copies its output until it exits and exits with its
 * exit code. Options after SERVICE belong to the command.
 */
@Command(name = "run", modelTransformer = ExecCommand.StopAtCommand.class, mixinStandardHelpOptions = true,
    description = "Run a one-off command on a service.",
    footer = {"", "No TTY or stdin yet: the container runs as with -T and reads end of file; -i and -t only warn.",
        "Its stdout and stderr are copied to yours, and Ctrl-C stops it."})
public final class RunCommand implements Callable<Integer> {
  private static final Set<String> PULL = Set.of("always", "missing", "never", "policy");

  @ParentCommand
  Main main;

  @Option(names = {"-d", "--detach"}, description = "Run container in background and print container ID")
  boolean detach;

  @Option(names = "--name", description = "Assign a name to the container")
  String name;

  @Option(names = "--entrypoint", description = "Override the entrypoint of the image (words split as in a shell)")
  String entrypoint;

  @Option(names = {"-e", "--env"}, description = "Set environment variables (KEY=VALUE, or KEY to pass yours)")
  List<String> env = new ArrayList<>();

  @Option(names = {"-l", "--label"}, description = "Add or override a label (KEY=VALUE)")
  List<String> labels = new ArrayList<>();

  @Option(names = {"-u", "--user"}, description = "Run as specified username or uid")
  String user;

  @Option(names = {"-w", "--workdir"}, description = "Working directory inside the container")
  String workdir;

  @Option(names = {"-v", "--volume"}, description = "Bind mount a volume ([SOURCE:]TARGET[:MODE])")
  List<String> volumes = new ArrayList<>();

  @Option(names = {"-p", "--publish"}, description = "Publish a container's port(s) to the host")
  List<String> publish = new ArrayList<>();

  @Option(names = "--service-ports", description = "Run command with all service's ports enabled and mapped to the host")
  boolean servicePorts;

  @Option(names = "--use-aliases", description = "Use the service's network aliases in the network(s) the container connects to")
  boolean useAliases;

  @Option(names = "--rm", description = "Automatically remove the container when it exits")
  boolean rm;

  @Option(names = "--no-deps", description = "Don't start linked services")
  boolean noDeps;

  @Option(names = "--pull", defaultValue = "policy", description = "Pull image before running (\"always\"|\"missing\"|\"never\"|\"policy\")")
  String pull;

  @Option(names = "--quiet-pull", description = "Pull without printing progress information (accepted; pulls print one line each)")
  boolean quietPull;

  @Option(names = "--remove-orphans", description = "Remove containers for services not defined in the Compose file")
  boolean removeOrphans;

  @Option(names = "--cap-add", description = "Add Linux capabilities")
  List<String> capAdd = new ArrayList<>();

  @Option(names = "--cap-drop", description = "Drop Linux capabilities")
  List<String> capDrop = new ArrayList<>();

  @Option(names = {"-T", "--no-TTY"}, description = "Disable pseudo-TTY allocation (always the case for now)")
  boolean noTty;

  @Option(names = {"-i", "--interactive"}, description = "Keep STDIN open (not supported yet: warns, stdin is not attached)")
  boolean interactive;

  @Option(names = {"-t", "--tty"}, description = "Allocate a pseudo-TTY (not supported yet: warns, runs as with -T)")
  boolean tty;

  @Parameters(index = "0", paramLabel = "SERVICE", description = "The service whose configuration the container takes")
  String service;

  @Parameters(index = "1..*", paramLabel = "COMMAND", description = "The command and its arguments (default: the service's)")
  List<String> command = new ArrayList<>();

  @Override
  public Integer call() {
    OneOffContainer overrides = overrides();
    warnAboutTerminal(System.err);
    Project project = ProjectLoading.load(main.global, List.of(service));
    ServiceConfig base = project.service(service).orElseThrow();
    overrides = withVolumes(overrides, project).withEnvironment(RunFlags.parseEnv(env, projectEnvironment(project)));
    EngineClient engine = new EngineStarter(main.global.engineLocation()).connect();
    Progress progress = main.global.progress(System.err); // as Compose: only the container's own output goes to stdout
    Orphans.handle(engine, progress, project, removeOrphans);
    if (!noDeps) {
      startDependencies(project, engine, progress);
    }
    String slug = OneOffContainer.newSlug();
    String containerName = name != null ? name : OneOffContainer.defaultName(project, service, slug);
    ServiceConfig oneOff = overrides.applyTo(base, containerName, slug);
    for (String key : oneOff.ignoredAttributes()) {
      progress.warn("services." + service + "." + key + " is not supported by jcompose yet and is ignored");
    }
    new dev.jcompose.cli.compose.ImageBuilder(engine, System.err).buildMissing(project.name(), List.of(oneOff));
    new ImagePuller(engine, progress).pullForUp(List.of(oneOff));
    ProjectResources resources = new ProjectResources(engine, progress);
    resources.ensureNetworks(project, List.of(oneOff));
    resources.ensureVolumes(project, List.of(oneOff));
    if (!noDeps) {
      DependencyWait.await(engine, progress, project, oneOff);
    }
    dev.jcompose.api.model.IdResponse created = engine.createContainer(containerName, overrides.request(project, oneOff));
    String id = created.id();
    if (created.warnings() != null) {
      created.warnings().forEach(progress::warn);
    }
    progress.end(); // the container's own output comes next
    if (detach) {
      start(engine, id);
      // with --rm the engine removes the container when it exits (HostConfig.AutoRemove)
      System.out.println(id);
      return 0;
    }
    return attach(engine, id, stopTimeout(base));
  }

  /** The command line's changes to the service, checked before anything is loaded or created. */
  OneOffContainer overrides() {
    if (servicePorts && !publish.isEmpty()) {
      throw new UserFacingException("--service-ports and --publish are incompatible: use one or the other");
    }
    if (!PULL.contains(pull)) {
      throw new UserFacingException("invalid --pull \"" + pull + "\": use always, missing, never or policy (the service's pull_policy)");
    }
    Map<String, String> environment = RunFlags.parseEnv(env, System::getenv);
    List<PortConfig> ports = new ArrayList<>();
    publish.forEach(p -> ports.addAll(RunFlags.parsePublish(p)));
    List<String> entry = entrypoint == null ? null : RunFlags.parseWords("--entrypoint", entrypoint);
    return new OneOffContainer(command, entry, environment, RunFlags.parseLabels(labels), user, workdir, List.of(), ports,
        servicePorts, useAliases, rm && detach, pull.equals("policy") ? null : pull, capAdd, capDrop);
  }

  /** {@code -v}, whose named volumes must be the project's (as in the file's short syntax). */
  private OneOffContainer withVolumes(OneOffContainer o, Project project) {
    Path cwd = Path.of(System.getProperty("user.dir"));
    List<ServiceVolume> mounts = new ArrayList<>();
    for (String raw : volumes) {
      ServiceVolume v = RunFlags.parseVolume(raw, cwd);
      if (v.type() == ServiceVolume.Type.VOLUME && v.source() != null && !project.volumes().containsKey(v.source())) {
        throw new UserFacingException("invalid -v \"" + raw + "\": \"" + v.source() + "\" is not a volume of this project; declare it "
            + "under the top-level volumes: key, or write a path (./" + v.source() + ") for a bind mount");
      }
      mounts.add(v);
    }
    return o.withVolumes(mounts);
  }

  /**
   * Where {@code -e KEY} takes its value, as Compose's project environment: your environment, else
   * the project's {@code .env} (or the {@code --env-file}s).
   */
  private Function<String, String> projectEnvironment(Project project) {
    Map<String, String> fromFiles = new HashMap<>();
    List<Path> files = main.global.envFiles.isEmpty() ? List.of(project.workingDir().resolve(".env")) : main.global.envFiles;
    for (Path f : files) {
      if (Files.isRegularFile(f)) {
        fromFiles.putAll(DotEnv.read(f, f.toString(), name -> System.getenv(name) != null ? System.getenv(name) : fromFiles.get(name)));
      }
    }
    return name -> System.getenv(name) != null ? System.getenv(name) : fromFiles.get(name);
  }

  void warnAboutTerminal(PrintStream err) {
    if (interactive || tty) {
      err.println("WARN[0000] " + (interactive ? "-i/--interactive" : "") + (interactive && tty ? " and " : "") + (tty ? "-t/--tty" : "")
          + ": jcompose cannot attach a terminal or stdin yet; the container runs as with -T and reads end of file");
    }
  }

  /** As Compose's {@code run}: the dependencies converge and start as with {@code up}, the service itself not. */
  private void startDependencies(Project project, EngineClient engine, Progress progress) {
    Set<String> deps = new LinkedHashSet<>(ServiceGraph.of(project).selectForUp(List.of(service), false));
    deps.remove(service);
    if (!deps.isEmpty()) {
      CreateCommand.converge(project, new ArrayList<>(deps), true, engine, progress, ConvergeOptions.Recreate.CHANGED, List.of(), null,
          true, false);
    }
  }

  private void start(EngineClient engine, String id) {
    try {
      engine.startContainer(id);
    } catch (RuntimeException e) {
      if (rm) {
        remove(engine, id);
      }
      throw e;
    }
  }

  /**
   * Copies the container's output until it exits, and returns its exit code. Ctrl-C (or SIGTERM)
   * stops the container; its last output is still copied, and jcompose exits with the container's
   * exit code, as Compose does when it forwards the signal.
   */
  private int attach(EngineClient engine, String id, Integer timeout) {
    CountDownLatch finished = new CountDownLatch(1);
    AtomicInteger exitCode = new AtomicInteger(130);
    Thread stopper = new Thread(() -> {
      try {
        engine.stopContainer(id, timeout);
        finished.await(5, TimeUnit.SECONDS); // the main thread copies the last output and reads the exit code
      } catch (RuntimeException e) {
        System.err.println("could not stop the container: " + e.getMessage());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      if (rm) {
        remove(engine, id);
      }
      System.out.flush();
      System.err.flush();
      Runtime.getRuntime().halt(exitCode.get()); // System.exit cannot be called from a shutdown hook
    }, "run-stopper");
    Runtime.getRuntime().addShutdownHook(stopper);
    start(engine, id);
    PrintStream out = System.out;
    PrintStream err = System.err;
    try {
      engine.logs(id, true, "all", false, (stream, payload) -> {
        PrintStream to = stream == 2 ? err : out;
        to.write(payload);
        to.flush();
      });
    } catch (RuntimeException e) {
      err.println("error reading the container's output: " + e.getMessage());
    }
    int code = awaitExit(engine, id);
    exitCode.set(code);
    finished.countDown();
    try {
      Runtime.getRuntime().removeShutdownHook(stopper);
    } catch (IllegalStateException shuttingDown) {
      return code; // the stopper removes the container and exits with this code
    }
    if (rm) {
      remove(engine, id);
    }
    return code;
  }

  private static int awaitExit(EngineClient engine, String id) {
    while (true) {
      ContainerInspect c = engine.inspectContainer(id);
      if (!Boolean.TRUE.equals(c.state().running()) && !Boolean.TRUE.equals(c.state().restarting())) {
        return c.state().exitCode() == null ? -1 : c.state().exitCode();
      }
      try {
        Thread.sleep(50);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return -1;
      }
    }
  }

  /** Removes the container and its anonymous volumes, as Docker's AutoRemove does. */
  private static void remove(EngineClient engine, String id) {
    try {
      engine.removeContainer(id, true, true);
    } catch (EngineApiException e) {
      if (!e.isNotFound()) {
        System.err.println("could not remove the container: " + e.getMessage());
      }
    }
  }

  private static Integer stopTimeout(ServiceConfig s) {
    return s.stopGracePeriod() == null ? null : (int) Math.max(0, s.stopGracePeriod().toSeconds());
  }
}
