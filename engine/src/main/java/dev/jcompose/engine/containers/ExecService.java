package dev.jcompose.engine.containers;

import dev.jcompose.runtime.UserSpec;
import dev.jcompose.api.model.ContainerCreateRequest;
import dev.jcompose.api.model.ExecCreateRequest;
import dev.jcompose.api.model.ExecInspect;
import dev.jcompose.api.model.ExecStartRequest;
import dev.jcompose.api.model.IdResponse;
import dev.jcompose.engine.http.ApiException;
import dev.jcompose.engine.http.ApiResponse;
import dev.jcompose.image.Image;
import dev.jcompose.image.ImageConfig;
import dev.jcompose.runtime.ContainerRuntime;
import dev.jcompose.runtime.ExecProcess;
import dev.jcompose.runtime.ExecSpec;
import dev.jcompose.runtime.RunningContainer;
import dev.jcompose.runtime.RuntimeSetupException;
import java.io.IOException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Docker's exec API: {@code POST /containers/{id}/exec} registers a command, {@code POST
 * /exec/{id}/start} runs it in the container's namespaces and cgroup ({@link ContainerRuntime#exec})
 * and streams its output as Docker's multiplexed stream until it exits, {@code GET /exec/{id}/json}
 * reports {@code Running} and {@code ExitCode}. No TTY and no stdin yet: the process reads
 * {@code /dev/null}. Exec instances live in memory, as in Docker, until the engine stops.
 */
public final class ExecService {
  private static final Logger LOG = Logger.getLogger(ExecService.class.getName());
  private static final SecureRandom IDS = new SecureRandom();
  /** Docker's exit code for an exec that could not be started; 127 when the command was not found. */
  static final int CANNOT_START = 126;
  static final int NOT_FOUND = 127;

  private final Function<String, Container> containers;
  private final Function<String, Image> images;
  private final ContainerRuntime runtime;
  private final Map<String, Exec> execs = new ConcurrentHashMap<>();

  /** {@code containers}: by id or name, throwing 404; {@code images}: by id, throwing 404. */
  public ExecService(Function<String, Container> containers, Function<String, Image> images, ContainerRuntime runtime) {
    this.containers = containers;
    this.images = images;
    this.runtime = runtime;
  }

  /** One exec instance; its fields change as it starts and exits. */
  static final class Exec {
    final String id;
    final String containerId;
    final ExecCreateRequest request;
    private boolean started;
    private boolean running;
    private long pid;
    private Integer exitCode;

    Exec(String id, String containerId, ExecCreateRequest request) {
      this.id = id;
      this.containerId = containerId;
      this.request = request;
    }

    synchronized void markStarted() {
      if (started) {
        throw ApiException.conflict("exec " + id + " has already been started; create a new one with POST /containers/{id}/exec");
      }
      started = true;
    }

    synchronized void running(long processPid) {
      running = true;
      pid = processPid;
    }

    synchronized void exited(int code) {
      running = false;
      exitCode = code;
    }

    synchronized ExecInspect inspect() {
      List<String> cmd = request.cmd();
      return new ExecInspect(id, containerId, running, exitCode,
          new ExecInspect.ProcessConfig(false, cmd.get(0), cmd.subList(1, cmd.size()), false, request.user() == null ? "" : request.user()),
          Boolean.TRUE.equals(request.attachStdin()), !Boolean.FALSE.equals(request.attachStdout()),
          !Boolean.FALSE.equals(request.attachStderr()), !running, pid);
    }
  }

  /** {@code POST /containers/{id}/exec}. */
  public IdResponse create(String containerIdOrName, ExecCreateRequest request) {
    if (request == null || request.cmd() == null || request.cmd().isEmpty() || request.cmd().get(0).isEmpty()) {
      throw ApiException.badRequest("No exec command specified: give Cmd, e.g. {\"Cmd\":[\"ls\",\"-l\"]}");
    }
    if (Boolean.TRUE.equals(request.tty())) {
      throw ApiException.badRequest("exec with a TTY is not supported yet: create it with \"Tty\":false (jcompose exec -T)");
    }
    if (Boolean.TRUE.equals(request.privileged())) {
      throw ApiException.badRequest("privileged exec is not supported yet: run the container with privileged: true instead");
    }
    Container c = containers.apply(containerIdOrName);
    requireRunning(c);
    String id = newId();
    execs.put(id, new Exec(id, c.record().id(), request));
    return new IdResponse(id, List.of());
  }

  /** {@code GET /exec/{id}/json}. */
  public ExecInspect inspect(String execId) {
    return require(execId).inspect();
  }

  /**
   * {@code POST /exec/{id}/start}. The process is started before the response begins, so a
   * failure to start is an API error (with the exec's ExitCode 126, or 127 for a missing command);
   * detached, the output is dropped; attached, it is streamed and the response ends once the
   * process has exited (so that an inspect right after sees its ExitCode).
   */
  public ApiResponse start(String execId, ExecStartRequest request) {
    Exec exec = require(execId);
    if (request != null && Boolean.TRUE.equals(request.tty())) {
      throw ApiException.badRequest("exec with a TTY is not supported yet: start it with \"Tty\":false");
    }
    exec.markStarted();
    ExecProcess process = launch(exec);
    exec.running(process.pid());
    process.exitCode().whenComplete((code, failure) -> exec.exited(failure == null ? code : CANNOT_START));
    if (request != null && Boolean.TRUE.equals(request.detach())) {
      background(exec, process);
      return new ApiResponse.Text(200, "text/plain", "");
    }
    return new ApiResponse.Streaming(200, "application/vnd.docker.raw-stream", out -> {
      try {
        process.copyOutputTo(out);
      } catch (IOException e) {
        background(exec, process); // the client went away: the command runs on
        throw e;
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    });
  }

  private ExecProcess launch(Exec exec) {
    Container c = containers.apply(exec.containerId);
    RunningContainer running = requireRunning(c);
    try {
      Image image = images.apply(c.record().imageId());
      ExecSpec spec = execSpec(c.record(), imageConfig(image), image.lowerDirsTopFirst(), exec.request);
      return runtime.exec(c.record().id(), c.stateDir(), running.pid(), spec);
    } catch (IllegalArgumentException e) {
      exec.exited(CANNOT_START);
      throw ApiException.badRequest(e.getMessage());
    } catch (RuntimeSetupException e) {
      exec.exited(e.reason().contains("No such file or directory") && e.reason().startsWith("exec ") ? NOT_FOUND : CANNOT_START);
      throw new ApiException(500, "OCI runtime exec failed: " + e.getMessage(), e);
    } catch (ApiException e) {
      exec.exited(CANNOT_START);
      throw e;
    }
  }

  /** Reads and drops the output of a detached exec, so that a full pipe never blocks it. */
  private static void background(Exec exec, ExecProcess process) {
    Thread t = new Thread(() -> drain(exec, process), "exec-" + exec.id.substring(0, 12));
    t.setDaemon(true);
    t.start();
  }

  private static void drain(Exec exec, ExecProcess process) {
    try {
      process.discardOutput();
    } catch (IOException e) {
      LOG.log(Level.FINE, "reading the output of exec " + exec.id + " failed", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /**
   * What the exec runs, as Docker decides it: the user from the request, else the container's,
   * else the image's; the container's environment (image env, then container env) with the
   * request's on top; the request's working dir, else the container's, else the image's.
   */
  static ExecSpec execSpec(ContainerRecord r, ImageConfig.Config ic, List<java.nio.file.Path> layersTopFirst, ExecCreateRequest req) {
    ContainerCreateRequest cfg = r.config();
    String user = firstNonEmpty(req.user(), cfg.user(), ic.user());
    UserSpec u = UserSpec.resolve(user, layersTopFirst);
    List<String> env = new ArrayList<>();
    if (cfg.env() != null) {
      env.addAll(cfg.env());
    }
    if (req.env() != null) {
      env.addAll(req.env());
    }
    return new ExecSpec(req.cmd(), ProcessArgs.env(ic.env(), env, r.hostname()),
        firstNonEmpty(req.workingDir(), cfg.workingDir(), ic.workingDir()), u.uid(), u.gid(),
        UserSpec.additionalGids(user, layersTopFirst, cfg.hostConfig() == null || cfg.hostConfig().groupAdd() == null
            ? List.of() : cfg.hostConfig().groupAdd())); // as docker exec: the user's groups and the container's GroupAdd
  }

  private static String firstNonEmpty(String... values) {
    for (String v : values) {
      if (v != null && !v.isEmpty()) {
        return v;
      }
    }
    return "";
  }

  private static ImageConfig.Config imageConfig(Image image) {
    return image.config() == null || image.config().config() == null ? ImageConfig.Config.empty() : image.config().config();
  }

  private static RunningContainer requireRunning(Container c) {
    RunningContainer running = c.running();
    if (running == null || !c.record().state().isRunning()) {
      throw ApiException.conflict("Container " + c.record().id() + " is not running: start it before exec");
    }
    if (c.record().state().paused()) {
      throw ApiException.conflict("Container " + c.record().id() + " is paused, unpause the container before exec");
    }
    return running;
  }

  private Exec require(String execId) {
    Exec exec = execs.get(execId);
    if (exec == null) {
      throw ApiException.notFound("No such exec instance: " + execId);
    }
    return exec;
  }

  private static String newId() {
    byte[] b = new byte[32];
    IDS.nextBytes(b);
    return HexFormat.of().formatHex(b);
  }
}
