package dev.jcompose.engine.containers;

import dev.jcompose.api.model.ContainerCreateRequest;
import dev.jcompose.api.model.ContainerInspect;
import dev.jcompose.api.model.ContainerState;
import dev.jcompose.api.model.ContainerSummary;
import dev.jcompose.api.model.EndpointSettings;
import dev.jcompose.api.model.HostConfig;
import dev.jcompose.api.model.IdResponse;
import dev.jcompose.api.model.PortBinding;
import dev.jcompose.engine.Filters;
import dev.jcompose.engine.StateStore;
import dev.jcompose.engine.http.ApiException;
import dev.jcompose.engine.images.ImageService;
import dev.jcompose.engine.networks.AttachedContainer;
import dev.jcompose.engine.networks.Endpoint;
import dev.jcompose.engine.networks.NetworkService;
import dev.jcompose.image.Image;
import dev.jcompose.linux.FileTrees;
import dev.jcompose.runtime.ContainerRuntime;
import dev.jcompose.runtime.ExitStatus;
import dev.jcompose.runtime.RunningContainer;
import dev.jcompose.volume.VolumeStore;
import java.io.IOException;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.logging.Logger;
import java.util.regex.Pattern;

/** The {@code /containers} API: create, start, stop, kill, remove, list, inspect. Logs live in {@link ContainerLogs}. */
public final class ContainerService {
  private static final Logger LOG = Logger.getLogger(ContainerService.class.getName());
  private static final Pattern VALID_NAME = Pattern.compile("/?[a-zA-Z0-9][a-zA-Z0-9_.-]+");
  private static final SecureRandom RANDOM = new SecureRandom();
  private static final int DEFAULT_STOP_TIMEOUT = 10;
  /** How long AutoRemove waits for attach streams still reading an exited container's output. */
  private static final Duration AUTO_REMOVE_ATTACH_WAIT = Duration.ofSeconds(10);

  private final Path containersDir;
  private final ImageService images;
  private final NetworkService networks;
  private final VolumeStore volumes;
  private final ContainerLauncher launcher;
  private final MountPlanner mounts;
  private final dev.jcompose.volume.VolumeMounts volumeMounts;
  private final PortPublisher ports;
  private final ContainerRuntime runtime;
  private final Map<String, Container> containers = new ConcurrentHashMap<>();
  private volatile dev.jcompose.engine.events.EventBus events = new dev.jcompose.engine.events.EventBus();
  private final HealthChecks health;
  private final java.util.concurrent.ScheduledExecutorService restarts = java.util.concurrent.Executors.newSingleThreadScheduledExecutor(r -> {
    Thread t = new Thread(r, "restart-policy");
    t.setDaemon(true);
    return t;
  });

  public ContainerService(Path stateRoot, ImageService images, NetworkService networks, VolumeStore volumes, ContainerRuntime runtime,
      dev.jcompose.network.BridgeNetworkDriver driver) {
    this.containersDir = stateRoot.resolve("containers");
    this.images = images;
    this.networks = networks;
    this.volumes = volumes;
    this.volumeMounts = new dev.jcompose.volume.VolumeMounts(volumes, dev.jcompose.linux.HostMounts.onHost());
    this.mounts = new MountPlanner(volumes, volumeMounts);
    this.ports = new PortPublisher(driver);
    this.runtime = runtime;
    this.launcher = new ContainerLauncher(runtime, networks, mounts, ports, this::peersOf);
    this.launcher.setContainers(this::require, containers::values);
    this.health = new HealthChecks(runtime, id -> images.require(id),
        (c, status) -> event(c.record(), "health_status: " + status, Map.of()));
    for (ContainerRecord r : StateStore.readAll(containersDir, "container.json", ContainerRecord.class)) {
      containers.put(r.id(), new Container(r, containersDir.resolve(r.id())));
    }
    networks.setContainers(this::attached);
    this.archive = new ContainerArchive(this, images, mounts, stateRoot.resolve("archive-mounts"));
  }

  private final ContainerArchive archive;

  /** {@code /containers/{id}/archive}: docker cp. */
  public ContainerArchive archive() {
    return archive;
  }

  public void setEvents(dev.jcompose.engine.events.EventBus events) {
    this.events = events;
  }

  private void event(ContainerRecord r, String action, Map<String, String> extra) {
    Map<String, String> attrs = new java.util.TreeMap<>(r.labels());
    attrs.put("name", r.name());
    attrs.put("image", r.imageName());
    attrs.putAll(extra);
    events.publish(dev.jcompose.engine.events.EngineEvent.of("container", action, r.id(), attrs));
  }

  /**
   * After an engine restart: finds the containers that kept running and watches them again. First
   * the volumes: a copy-up the old engine did not finish is undone (volumes with driver options:
   * at their next use, once mounted), and the host mounts of volumes with driver options are given
   * back to the running containers that use them, or unmounted when none does.
   */
  public void restore() {
    Map<String, Set<String>> holders = new java.util.HashMap<>();
    for (Container c : containers.values()) {
      if (c.record().state().isRunning()) {
        c.record().mounts().stream().filter(m -> "volume".equals(m.type()))
            .forEach(m -> holders.computeIfAbsent(m.volume(), k -> new java.util.HashSet<>()).add(c.record().id()));
      }
    }
    for (dev.jcompose.volume.VolumeInfo v : volumes.list()) {
      try {
        if (!v.options().mounts() && volumes.discardInterruptedCopyUp(v.name())) {
          LOG.warning("volume " + v.name() + ": a copy-up was cut short (the engine stopped); its partial content was removed,"
              + " the image's content is copied again at its next use");
        }
      } catch (dev.jcompose.volume.VolumeException e) {
        LOG.warning(e.getMessage());
      }
    }
    volumeMounts.restore(holders);
    Map<Path, List<Long>> helpers = ContainerRuntime.helperProcesses();
    for (Container c : containers.values()) {
      synchronized (c) {
        if (!c.record().state().isRunning()) {
          // the engine died between preparing the container and recording it started
          List<Long> own = helpers.getOrDefault(c.stateDir().resolve("helper.spec").toAbsolutePath().normalize(), List.of());
          launcher.recoverInterruptedStart(c, own);
        }
        if (c.record().state().isRunning()) {
          boolean frozen = runtime.isPaused(c.stateDir()); // paused before the engine stopped: stays paused
          if (frozen != c.record().state().paused()) {
            c.update(c.record().withState(c.record().state().withPaused(frozen)));
          }
          watch(c, launcher.reattach(c));
        } else if (c.record().config().hostConfig() != null && !c.record().state().status().equals("created")
            && RestartPolicies.startsWithEngine(c.record().config().hostConfig().restartPolicy(), c.record().state().manuallyStopped())) {
          restarts.execute(() -> restartByPolicy(c));
        }
      }
    }
  }

  // ---- create ----

  public IdResponse create(String name, ContainerCreateRequest req) {
    if (req.image() == null || req.image().isEmpty()) {
      throw ApiException.badRequest("config error: no image given");
    }
    Image image = images.require(req.image());
    String id = randomId();
    String finalName = name == null || name.isEmpty() ? "jc_" + id.substring(0, 12) : name.replaceFirst("^/", "");
    if (!VALID_NAME.matcher(finalName).matches()) {
      throw ApiException.badRequest("Invalid container name (" + finalName + "), only [a-zA-Z0-9][a-zA-Z0-9_.-] are allowed");
    }
    HostConfig hc = req.hostConfig() == null ? HostConfig.empty() : req.hostConfig();
    RestartPolicies.problem(hc.restartPolicy()).ifPresent(p -> {
      throw ApiException.badRequest(p);
    });
    SharedNamespaces.validate(req, hc);
    List<String> warnings = ContainerLauncher.checkAtCreate(hc, runtime.cgroups().supportsSwapLimit());
    warnings.forEach(w -> LOG.warning("container " + finalName + ": " + w));
    for (String mode : java.util.Arrays.asList(hc.networkMode(), hc.ipcMode(), hc.pidMode())) {
      SharedNamespaces.containerOf(mode).ifPresent(this::require); // "No such container: X" now rather than at start
    }
    if (Boolean.TRUE.equals(hc.autoRemove()) && hc.restartPolicy() != null && hc.restartPolicy().name() != null
        && !hc.restartPolicy().name().isEmpty() && !hc.restartPolicy().name().equals("no")) {
      throw ApiException.badRequest("Conflicting options: AutoRemove and restart policy " + hc.restartPolicy().name()
          + " (a container removed when it exits cannot be restarted)");
    }
    List<String> nets = requestedNetworks(req, hc);
    ports.checkAvailable(finalName, hc.portBindings()); // a port a program holds fails the stack before anything starts
    for (String n : nets) {
      networks.require(n);
    }
    Map<String, Object> imageVolumes = image.config().config() == null ? null : image.config().config().volumes();
    synchronized (this) {
      Optional<Container> clash = containers.values().stream().filter(c -> c.record().name().equals(finalName)).findFirst();
      if (clash.isPresent()) {
        throw ApiException.conflict("Conflict. The container name \"/" + finalName + "\" is already in use by container \""
            + clash.get().record().id() + "\". You have to remove (or rename) that container to be able to reuse that name.");
      }
      List<MountPlanner.PlannedMount> planned = new ArrayList<>(mounts.plan(hc, imageVolumes, Map.of()));
      planned.addAll(volumesFrom(hc, planned));
      ContainerRecord r = new ContainerRecord(id, finalName, Instant.now(), req.image(), image.id(), req, nets, RunState.created(),
          Map.of(), List.of(), planned);
      Container c = new Container(r, containersDir.resolve(id));
      c.save();
      containers.put(id, c);
      event(r, "create", Map.of());
    }
    return new IdResponse(id, warnings);
  }

  /**
   * {@code HostConfig.VolumesFrom} ("name[:ro|rw]"): the volume and bind mounts of other containers,
   * at the same paths, except where this container mounts something itself.
   */
  private List<MountPlanner.PlannedMount> volumesFrom(HostConfig hc, List<MountPlanner.PlannedMount> own) {
    List<MountPlanner.PlannedMount> out = new ArrayList<>();
    if (hc.volumesFrom() == null) {
      return out;
    }
    Set<String> taken = new LinkedHashSet<>();
    own.forEach(m -> taken.add(m.target()));
    for (String entry : hc.volumesFrom()) {
      String[] parts = entry.split(":");
      if (parts.length > 2 || (parts.length == 2 && !parts[1].equals("ro") && !parts[1].equals("rw"))) {
        throw ApiException.badRequest("invalid volumes_from \"" + entry + "\": expected CONTAINER[:ro|rw]");
      }
      Container source;
      try {
        source = require(parts[0]);
      } catch (ApiException e) {
        throw ApiException.badRequest("volumes_from " + parts[0] + ": no such container; create it first");
      }
      for (MountPlanner.PlannedMount m : source.record().mounts()) {
        if (!m.type().equals("tmpfs") && taken.add(m.target())) {
          boolean ro = parts.length == 2 ? parts[1].equals("ro") : m.readOnly();
          out.add(m.inherited(ro));
        }
      }
    }
    return out;
  }

  private static List<String> requestedNetworks(ContainerCreateRequest req, HostConfig hc) {
    Set<String> nets = new LinkedHashSet<>();
    String mode = hc.networkMode() == null || hc.networkMode().isEmpty() || hc.networkMode().equals("default")
        ? NetworkService.DEFAULT_BRIDGE : hc.networkMode();
    if (mode.startsWith(SharedNamespaces.CONTAINER)) {
      return new ArrayList<>(); // in another container's network namespace: no endpoints of its own
    }
    if (!mode.equals("host") && !mode.equals("none")) {
      nets.add(mode);
    }
    if (req.networkingConfig() != null && req.networkingConfig().endpointsConfig() != null && !mode.equals("host") && !mode.equals("none")) {
      for (String n : req.networkingConfig().endpointsConfig().keySet()) {
        nets.add(n.equals("default") ? NetworkService.DEFAULT_BRIDGE : n); // the docker CLI names the default network "default"
      }
    }
    return new ArrayList<>(nets);
  }

  // ---- start / stop / kill ----

  public void start(String idOrName) {
    Container c = require(idOrName);
    synchronized (c) {
      PauseRules.checkStart(c.record().state());
      if (c.record().state().isRunning()) {
        throw ApiException.notModified();
      }
      c.cancelPendingRestart();
      c.setLastDelay(null);
      Image image = images.require(c.record().imageId());
      RunningContainer running = launcher.start(c, image);
      watch(c, running);
      event(c.record(), "start", Map.of());
    }
  }

  private void watch(Container c, RunningContainer running) {
    c.setRunning(running);
    c.setHealth(health.start(c, running));
    running.exited().whenComplete((status, err) -> {
      synchronized (c) {
        if (c.running() != running) {
          return;
        }
        ExitStatus s = status != null ? status : ContainerLauncher.unknownExit();
        c.setHealth(null);
        launcher.cleanupAfterExit(c, s);
        if (s.oomKilled()) {
          event(c.record(), "oom", Map.of());
        }
        event(c.record(), "die", Map.of("exitCode", Integer.toString(s.exitCode())));
        c.setRunning(null);
        scheduleRestartByPolicy(c);
        c.notifyAll();
        if (Boolean.TRUE.equals(c.record().config().hostConfig() == null ? null : c.record().config().hostConfig().autoRemove())) {
          long deadline = System.nanoTime() + AUTO_REMOVE_ATTACH_WAIT.toNanos();
          restarts.schedule(() -> autoRemove(c, deadline), 0, TimeUnit.MILLISECONDS);
        }
      }
    });
  }

  /** {@code AutoRemove} ({@code docker run --rm}): the exited container goes, with its anonymous volumes. */
  private void autoRemove(Container c, long attachDeadline) {
    if (c.hasAttachStreams() && System.nanoTime() < attachDeadline) {
      // the log goes with the container: an attached client (docker run --rm) reads it to the end first
      restarts.schedule(() -> autoRemove(c, attachDeadline), 50, TimeUnit.MILLISECONDS);
      return;
    }
    try {
      if (containers.containsKey(c.record().id()) && c.running() == null) {
        remove(c.record().id(), false, true);
      }
    } catch (RuntimeException e) {
      LOG.log(java.util.logging.Level.WARNING, "removing the exited container " + c.record().name() + " (AutoRemove) failed", e);
    }
  }

  /** Called with {@code c} locked, right after it exited. */
  private void scheduleRestartByPolicy(Container c) {
    ContainerRecord r = c.record();
    HostConfig hc = r.config().hostConfig();
    RunState s = r.state();
    if (hc == null || !containers.containsKey(r.id())
        || !RestartPolicies.restarts(hc.restartPolicy(), s.exitCode(), s.restartCount(), s.manuallyStopped())) {
      return;
    }
    Duration ran = s.startedAt() == null || s.finishedAt() == null ? Duration.ZERO : Duration.between(s.startedAt(), s.finishedAt());
    Duration delay = RestartPolicies.nextDelay(c.lastDelay(), ran);
    c.setLastDelay(delay);
    c.update(r.withState(s.restarting()));
    c.setPendingRestart(restarts.schedule(() -> restartByPolicy(c), delay.toMillis(), TimeUnit.MILLISECONDS));
  }

  private void restartByPolicy(Container c) {
    synchronized (c) {
      ContainerRecord r = c.record();
      if (c.running() != null || r.state().manuallyStopped() || !containers.containsKey(r.id())) {
        return;
      }
      c.setPendingRestart(null);
      c.update(r.withState(r.state().withRestartCount(r.state().restartCount() + 1)));
      try {
        watch(c, launcher.start(c, images.require(r.imageId())));
        event(c.record(), "restart", Map.of());
      } catch (RuntimeException e) {
        LOG.warning("restarting " + r.name() + " by its restart policy failed: " + e.getMessage());
      }
    }
  }

  /** Marks a stop or kill through the API: restart policies leave the container alone afterwards. */
  private static void stoppedByUser(Container c) {
    synchronized (c) {
      c.cancelPendingRestart();
      c.update(c.record().withState(c.record().state().withManuallyStopped(true)));
    }
  }

  public void stop(String idOrName, Integer timeoutSeconds) {
    Container c = require(idOrName);
    RunningContainer running;
    int timeout;
    int signal;
    synchronized (c) {
      running = c.running();
      if (running == null) {
        boolean wasRestarting = c.cancelPendingRestart();
        stoppedByUser(c);
        if (wasRestarting) {
          return;
        }
        throw ApiException.notModified();
      }
      stoppedByUser(c);
      ContainerCreateRequest cfg = c.record().config();
      timeout = timeoutSeconds != null ? timeoutSeconds : cfg.stopTimeout() != null ? cfg.stopTimeout() : DEFAULT_STOP_TIMEOUT;
      signal = SignalNames.parse(cfg.stopSignal());
    }
    launcher.signal(running, signal);
    thawAfterSignal(c, running); // as dockerd: the signal is delivered once the container is thawed
    if (!awaitExit(running, Duration.ofSeconds(Math.max(timeout, 0)))) {
      LOG.info("container " + c.record().name() + " did not stop within " + timeout + " s; killing it");
      launcher.signal(running, 9);
      if (!awaitExit(running, Duration.ofSeconds(30))) {
        throw new ApiException(500, "container " + c.record().name() + " did not exit after SIGKILL (pid " + running.pid() + ")");
      }
    }
    awaitCleanup(c, running);
    event(c.record(), "stop", Map.of());
  }

  public void kill(String idOrName, String signalName) {
    Container c = require(idOrName);
    int signal;
    try {
      signal = SignalNames.parse(signalName == null ? "KILL" : signalName);
    } catch (IllegalArgumentException e) {
      throw ApiException.badRequest(e.getMessage());
    }
    RunningContainer running;
    synchronized (c) {
      running = c.running();
      if (running == null) {
        if (c.cancelPendingRestart()) {
          stoppedByUser(c);
          return;
        }
        throw ApiException.conflict("Cannot kill container: " + idOrName + ": Container " + c.record().id() + " is not running");
      }
    }
    if (signal == 9 || signal == 15 || signal == 2) {
      stoppedByUser(c); // as Docker: a kill through the API is a deliberate stop for the restart policy
    }
    launcher.signal(running, signal);
    if (PauseRules.thawsOnKill(signal, c.record().config().stopSignal())) {
      thawAfterSignal(c, running);
    }
    event(c.record(), "kill", Map.of("signal", Integer.toString(signal)));
    if (signal == 9) {
      awaitExit(running, Duration.ofSeconds(30));
      awaitCleanup(c, running);
    }
  }

  // ---- pause / unpause ----

  /** {@code POST /containers/{id}/pause}: freezes the container's processes (its cgroup's freezer). */
  public void pause(String idOrName) {
    Container c = require(idOrName);
    synchronized (c) {
      RunState s = c.record().state();
      String id = c.record().id();
      PauseRules.checkPause(id, s, c.running() != null);
      try {
        runtime.pause(c.stateDir());
      } catch (RuntimeException e) {
        throw new ApiException(500, "Cannot pause container " + id + ": " + e.getMessage(), e);
      }
      c.update(c.record().withState(s.withPaused(true)));
      event(c.record(), "pause", Map.of());
    }
  }

  /** {@code POST /containers/{id}/unpause}. */
  public void unpause(String idOrName) {
    Container c = require(idOrName);
    synchronized (c) {
      RunState s = c.record().state();
      String id = c.record().id();
      PauseRules.checkUnpause(id, s, c.running() != null);
      try {
        runtime.resume(c.stateDir());
      } catch (RuntimeException e) {
        throw new ApiException(500, "Cannot unpause container " + id + ": " + e.getMessage(), e);
      }
      c.update(c.record().withState(s.withPaused(false)));
      event(c.record(), "unpause", Map.of());
    }
  }

  /** After stop's or kill's signal to a paused container: thaws it, so the signal is acted on. */
  private void thawAfterSignal(Container c, RunningContainer running) {
    synchronized (c) {
      if (c.running() != running || !c.record().state().paused()) {
        return;
      }
      try {
        runtime.resume(c.stateDir());
      } catch (RuntimeException e) {
        LOG.warning("Cannot unpause container " + c.record().id() + ": " + e.getMessage());
        return;
      }
      c.update(c.record().withState(c.record().state().withPaused(false)));
      event(c.record(), "unpause", Map.of());
    }
  }

  private static boolean awaitExit(RunningContainer running, Duration d) {
    try {
      running.exited().get(d.toMillis(), TimeUnit.MILLISECONDS);
      return true;
    } catch (TimeoutException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    } catch (java.util.concurrent.ExecutionException e) {
      return true;
    }
  }

  /** Waits until the exit callback has recorded the exit, so callers see "exited" afterwards. */
  private static void awaitCleanup(Container c, RunningContainer running) {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    synchronized (c) {
      while (c.running() == running && System.nanoTime() < deadline) {
        try {
          c.wait(100);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          return;
        }
      }
    }
  }

  /**
   * {@code POST /containers/{id}/wait?condition=}: blocks until the container is not running
   * ({@code not-running}, the default), until its next exit from now ({@code next-exit}: {@code docker
   * run} waits so before it starts the container), or until it is removed ({@code removed}: {@code
   * docker run --rm}); returns its exit code.
   */
  public java.util.function.IntSupplier waiter(String idOrName, String condition) {
    Container c = require(idOrName);
    String cond = condition == null || condition.isEmpty() ? "not-running" : condition;
    Instant since = Instant.now();
    java.util.function.BooleanSupplier done = switch (cond) {
      case "not-running" -> () -> c.running() == null;
      case "next-exit" -> () -> c.running() == null && c.record().state().finishedAt() != null
          && !c.record().state().finishedAt().isBefore(since);
      case "removed" -> () -> !containers.containsKey(c.record().id());
      default -> throw ApiException.badRequest("invalid condition \"" + condition + "\" for wait: expected not-running, next-exit or removed");
    };
    return () -> {
      synchronized (c) {
        while (!done.getAsBoolean()) {
          try {
            c.wait(100);
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ApiException(500, "interrupted while waiting for container " + c.record().name());
          }
        }
        return c.record().state().exitCode();
      }
    };
  }

  /** Whether a container with this full id exists (it was not removed). */
  public boolean exists(String id) {
    return containers.containsKey(id);
  }

  /** {@code GET /containers/{id}/top}: the container's processes as {@code ps} shows them on the host. */
  public Map<String, Object> top(String idOrName, String psArgs) {
    Container c = require(idOrName);
    RunningContainer running = c.running();
    if (running == null) {
      throw ApiException.conflict("Container " + c.record().id() + " is not running");
    }
    String columns = psArgs == null || psArgs.isBlank() ? "-ef" : psArgs;
    if (!columns.equals("-ef")) {
      throw ApiException.badRequest("ps_args other than -ef are not supported yet, got " + psArgs);
    }
    List<Long> pids = dev.jcompose.linux.proc.PidNamespaceMembers.of(running.pid());
    List<List<String>> rows = new ArrayList<>();
    if (!pids.isEmpty()) {
      String list = String.join(",", pids.stream().map(String::valueOf).toList());
      String out = dev.jcompose.linux.HostCommand.runAllowingFailure(
          List.of("ps", "-o", "user=,pid=,ppid=,c=,stime=,tty=,time=,args=", "-p", list), null).stdout();
      for (String line : out.split("\n")) {
        if (!line.isBlank()) {
          String[] f = line.trim().split("\\s+", 8);
          rows.add(List.of(f));
        }
      }
    }
    return Map.of("Titles", List.of("UID", "PID", "PPID", "C", "STIME", "TTY", "TIME", "CMD"), "Processes", rows);
  }

  // ---- remove ----

  public void remove(String idOrName, boolean force, boolean removeVolumes) {
    Container c = require(idOrName);
    synchronized (c) {
      if (c.running() != null && !force) {
        throw ApiException.conflict("You cannot remove a running container " + c.record().id()
            + ". Stop the container before attempting removal or force remove");
      }
    }
    if (c.running() != null) {
      kill(c.record().id(), "KILL");
    }
    synchronized (c) {
      c.cancelPendingRestart();
      containers.remove(c.record().id());
      c.notifyAll(); // wait?condition=removed
      event(c.record(), "destroy", Map.of());
      try {
        runtime.cleanup(c.record().id(), c.stateDir()); // a cgroup nothing else took away (found by its path) goes with it
      } catch (RuntimeException e) {
        LOG.log(java.util.logging.Level.WARNING, "removing container " + c.record().name() + ": its cgroup could not be removed", e);
      }
      try {
        FileTrees.deleteTree(c.stateDir());
      } catch (IOException e) {
        throw new ApiException(500, "container " + c.record().name() + " was stopped, but its state directory " + c.stateDir()
            + " could not be removed: " + e.getMessage(), e);
      }
      if (removeVolumes) {
        for (MountPlanner.PlannedMount m : c.record().mounts()) {
          if ("volume".equals(m.type()) && isAnonymous(m.volume()) && usersOf(m.volume()).isEmpty()) {
            volumes.remove(m.volume());
          }
        }
      }
    }
  }

  private boolean isAnonymous(String volume) {
    return volumes.find(volume).map(v -> v.labels().containsKey("com.docker.volume.anonymous")).orElse(false);
  }

  /** Names of the containers that mount volume {@code name}. */
  public Set<String> usersOf(String name) {
    Set<String> out = new LinkedHashSet<>();
    for (Container c : containers.values()) {
      for (MountPlanner.PlannedMount m : c.record().mounts()) {
        if ("volume".equals(m.type()) && name.equals(m.volume())) {
          out.add(c.record().name());
        }
      }
    }
    return out;
  }

  // ---- read ----

  public Container require(String idOrName) {
    String key = idOrName.replaceFirst("^/", "");
    Container byId = containers.get(key);
    if (byId != null) {
      return byId;
    }
    for (Container c : containers.values()) {
      if (c.record().name().equals(key)) {
        return c;
      }
    }
    List<Container> prefix = containers.values().stream().filter(c -> c.record().id().startsWith(key)).toList();
    if (prefix.size() == 1 && !key.isEmpty()) {
      return prefix.get(0);
    }
    throw ApiException.notFound("No such container: " + idOrName);
  }

  public List<ContainerSummary> list(boolean all, Filters filters) {
    List<ContainerSummary> out = new ArrayList<>();
    containers.values().stream()
        .map(Container::record)
        .filter(r -> all || r.state().isRunning() || r.state().status().equals("restarting"))
        .filter(r -> filters.matchesLabels(r.labels()))
        .filter(r -> filters.matchesAny("name", n -> r.name().contains(n.replaceFirst("^/", ""))))
        .filter(r -> filters.matchesAny("id", p -> r.id().startsWith(p)))
        .filter(r -> filters.matchesAny("status", s -> s.equals(r.state().apiStatus())))
        .sorted(Comparator.comparing(ContainerRecord::created).reversed())
        .forEach(r -> out.add(summary(r)));
    return out;
  }

  private Container c(String idOrName) {
    return require(idOrName);
  }

  public ContainerInspect inspect(String idOrName) {
    ContainerRecord r = require(idOrName).record();
    RunState s = r.state();
    List<String> argv = launcher.argvOf(r, images);
    ContainerState state = new ContainerState(s.apiStatus(), s.isRunning(), s.isRunning() && s.paused(), s.status().equals("restarting"), s.oomKilled(), s.status().equals("dead"),
        s.pid(), s.exitCode(), s.error(), time(s.startedAt()), time(s.finishedAt()),
        c(idOrName).health() == null ? null : c(idOrName).health().toApi());
    Map<String, EndpointSettings> nets = new LinkedHashMap<>();
    for (String n : r.networks()) {
      Endpoint e = r.endpoints().get(n);
      nets.put(n, e == null
          ? new EndpointSettings(null, aliasesRequested(r, n), null, null, null, null, null, null)
          : new EndpointSettings(null, e.aliases(), e.networkId(), e.endpointId(), e.gateway(), e.ipAddress(), e.prefixLength(), e.macAddress()));
    }
    Map<String, List<PortBinding>> ports = new LinkedHashMap<>();
    for (ContainerRecord.PublishedPort p : r.ports()) {
      ports.computeIfAbsent(p.containerPort() + "/" + p.protocol(), k -> new ArrayList<>())
          .add(new PortBinding(p.hostIp(), Integer.toString(p.hostPort())));
    }
    List<ContainerInspect.MountPoint> mps = r.mounts().stream().map(m -> new ContainerInspect.MountPoint(m.type(), m.volume(),
        m.source() != null ? m.source().toString() : m.volume() != null ? volumes.find(m.volume()).map(v -> v.mountpoint().toString()).orElse("") : "",
        m.target(), m.readOnly() ? "ro" : "rw", !m.readOnly())).toList();
    return new ContainerInspect(r.id(), r.created().toString(), argv.isEmpty() ? "" : argv.get(0),
        argv.isEmpty() ? List.of() : argv.subList(1, argv.size()), state, r.imageId(), "/" + r.name(), s.restartCount(),
        r.config().hostConfig(), r.config(), new ContainerInspect.NetworkSettings(nets, ports), mps);
  }

  static List<String> aliasesRequested(ContainerRecord r, String network) {
    if (r.config().networkingConfig() == null || r.config().networkingConfig().endpointsConfig() == null) {
      return List.of();
    }
    EndpointSettings e = r.config().networkingConfig().endpointsConfig().get(network);
    return e == null || e.aliases() == null ? List.of() : e.aliases();
  }

  /** Docker's " (healthy)", " (health: starting)", " (unhealthy)" after "Up …". */
  private String healthSuffix(String id) {
    Container c = containers.get(id);
    HealthState h = c == null ? null : c.health();
    if (h == null || !c.record().state().isRunning() || c.record().state().paused()) {
      return "";
    }
    return h.status().equals(HealthState.STARTING) ? " (health: starting)" : " (" + h.status() + ")";
  }

  private ContainerSummary summary(ContainerRecord r) {
    List<ContainerSummary.Port> ports = r.ports().stream()
        .map(p -> new ContainerSummary.Port(p.hostIp(), p.containerPort(), p.hostPort(), p.protocol())).toList();
    Map<String, EndpointSettings> nets = new LinkedHashMap<>();
    r.endpoints().forEach((n, e) -> nets.put(n, new EndpointSettings(null, e.aliases(), e.networkId(), e.endpointId(), e.gateway(),
        e.ipAddress(), e.prefixLength(), e.macAddress())));
    return new ContainerSummary(r.id(), List.of("/" + r.name()), r.imageName(), r.imageId(),
        String.join(" ", launcher.argvOf(r, images)), r.created().getEpochSecond(), r.state().apiStatus(), statusText(r.state()) + healthSuffix(r.id()),
        ports, r.labels(), new ContainerSummary.SummaryNetworkSettings(nets));
  }

  /** Docker's human status: "Up 5 seconds", "Exited (0) 2 minutes ago", "Created". */
  static String statusText(RunState s) {
    return switch (s.status()) {
      case "running" -> "Up " + HumanDuration.of(Duration.between(s.startedAt(), Instant.now())) + (s.paused() ? " (Paused)" : "");
      case "exited" -> "Exited (" + s.exitCode() + ") " + HumanDuration.of(Duration.between(s.finishedAt(), Instant.now())) + " ago";
      case "created" -> "Created";
      case "restarting" -> "Restarting (" + s.exitCode() + ") " + HumanDuration.of(Duration.between(s.finishedAt(), Instant.now())) + " ago";
      default -> s.status();
    };
  }

  private Collection<AttachedContainer> attached() {
    List<AttachedContainer> out = new ArrayList<>();
    for (Container c : containers.values()) {
      ContainerRecord r = c.record();
      if (!r.endpoints().isEmpty()) {
        out.add(new AttachedContainer(r.id(), r.name(), r.hostname(), r.endpoints()));
      }
    }
    return out;
  }

  /** Running containers that share a network with {@code r}, for /etc/hosts. */
  private List<Container> peersOf(ContainerRecord r) {
    List<Container> out = new ArrayList<>();
    for (Container c : containers.values()) {
      if (!c.record().id().equals(r.id()) && c.record().endpoints().keySet().stream().anyMatch(r.networks()::contains)) {
        out.add(c);
      }
    }
    return out;
  }

  private static String time(Instant i) {
    return i == null ? "0001-01-01T00:00:00Z" : i.toString();
  }

  static String randomId() {
    byte[] b = new byte[32];
    RANDOM.nextBytes(b);
    return HexFormat.of().formatHex(b);
  }
}
