package dev.jcompose.runtime;

import dev.jcompose.linux.proc.ProcStatus;
import dev.jcompose.linux.proc.Signals;
import dev.jcompose.runtime.cgroup.CgroupException;
import dev.jcompose.runtime.cgroup.CgroupManager;
import dev.jcompose.runtime.cgroup.CgroupSupport;
import dev.jcompose.runtime.cgroup.ContainerCgroup;
import dev.jcompose.runtime.helper.HelperBinary;
import dev.jcompose.runtime.helper.HelperExecProcess;
import dev.jcompose.runtime.helper.HelperProcess;
import dev.jcompose.runtime.helper.HelperProtocol;
import dev.jcompose.runtime.helper.HelperSpecFile;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * Runs containers: the engine's entry point to the runtime. Each container is one jc-helper
 * process (the C stage, then the container's monitor) plus a cgroup below the engine's own.
 *
 * <pre>
 * PreparedContainer p = runtime.prepare(spec);   // cloned, in its cgroup, waiting
 * // ... put a veth into /proc/{p.pid()}/ns/net ...
 * RunningContainer c = p.start();                // exec'd (or RuntimeSetupException)
 * ExitStatus s = c.exited().join();
 * runtime.cleanup(spec.id(), spec.stateDir());
 * </pre>
 */
public final class ContainerRuntime {
  private final CgroupManager cgroups;
  private final Path helperBinary;

  /** Uses the host's cgroups ({@link CgroupSupport#detect()}) and installs jc-helper under {@code stateRoot/bin}. */
  public ContainerRuntime(Path stateRoot) {
    this(stateRoot, detectCgroups());
  }

  public ContainerRuntime(Path stateRoot, CgroupManager cgroups) {
    this.cgroups = cgroups;
    try {
      this.helperBinary = HelperBinary.install(stateRoot);
    } catch (IOException e) {
      throw new RuntimeSetupException(null, "install jc-helper under " + stateRoot.resolve("bin"), String.valueOf(e.getMessage()),
          "Check that the state root is writable and on a filesystem that allows executables (not noexec)", e);
    }
  }

  private static CgroupManager detectCgroups() {
    try {
      return CgroupSupport.detect();
    } catch (CgroupException e) {
      throw new RuntimeSetupException(null, "find a cgroup hierarchy for containers", e.getMessage(), null, e);
    }
  }

  public Path helperBinary() {
    return helperBinary;
  }

  public CgroupManager cgroups() {
    return cgroups;
  }

  /**
   * Creates the container's rootfs dirs and cgroup, clones its init into new namespaces and
   * moves it into the cgroup. The init waits for {@link PreparedContainer#start()}; in between
   * the engine may set up its network namespace ({@code /proc/PID/ns/net}).
   *
   * @throws IllegalArgumentException when the spec holds a value the helper cannot carry (a newline)
   * @throws RuntimeSetupException    when a step fails; everything created so far is removed
   */
  public PreparedContainer prepare(ContainerSpec spec) {
    ContainerFiles files = ContainerFiles.of(spec.stateDir());
    List<DeviceNode> devices = spec.runtimeOptions().devices().stream().map(DeviceNode::resolve).toList();
    dev.jcompose.runtime.helper.HelperSpec resolved = HelperSpecs.of(spec, files, devices);
    String helperSpec = HelperSpecFile.render(resolved); // rejects what the helper cannot carry, before anything is created
    HostLimits.check(spec); // ulimits above the engine's hard limits, which it cannot raise
    // a container that ran before has files in its writable layer: a failed start must not take them
    boolean keepLayer = hasContent(files.upperDir());
    try {
      RootfsDirs.create(files);
      HelperSpecFile.write(helperSpec, files.specFile());
      if (HelperSpecs.hasProfile(spec)) { // exec loads the same filter
        HelperSpecFile.write(resolved.seccompFilter(), files.seccompFile());
      } else {
        Files.deleteIfExists(files.seccompFile());
      }
    } catch (IOException e) {
      throw failed(keepLayer, spec.id(), files, "prepare the state dir " + files.stateDir(), String.valueOf(e.getMessage()), null, e);
    }
    ContainerCgroup cgroup;
    try {
      cgroup = cgroups.create(spec.id(), spec.resources().toCgroupLimits(devices.stream().map(DeviceNode::cgroupRule).toList()));
      // not fsync'ed: after a crash of the host the cgroups are gone anyway
      Files.writeString(files.cgroupFile(), cgroup.serialize(), StandardCharsets.UTF_8);
    } catch (CgroupException | IOException e) {
      throw failed(keepLayer, spec.id(), files, "create the cgroup", e.getMessage(), "cgroups: " + cgroups.describe(), e);
    }
    HelperProcess helper;
    HelperProtocol.Reply reply;
    try {
      helper = HelperProcess.start(helperBinary, files.specFile(), files.helperLog());
      reply = helper.readReply();
    } catch (IOException e) {
      throw failed(keepLayer, spec.id(), files, "run " + helperBinary, String.valueOf(e.getMessage()), null, e);
    }
    if (!(reply instanceof HelperProtocol.Pid pid)) {
      helper.closePipes();
      throw failed(keepLayer, spec.id(), files, "start jc-helper", describe(reply, files), hint(files), null);
    }
    try {
      cgroups.attach(cgroup, pid.pid());
    } catch (CgroupException e) {
      PreparedContainer.abort(helper);
      throw failed(keepLayer, spec.id(), files, "move the container into its cgroup", e.getMessage(), "cgroups: " + cgroups.describe(), e);
    }
    return new PreparedContainer(this, spec.id(), files, helper, pid.pid(), keepLayer);
  }

  /**
   * The running container whose monitor is {@code monitorPid}, for an engine that restarted.
   * If that process is gone (or is no longer this container's monitor), {@code exited()}
   * completes at once from the exit status file.
   */
  public RunningContainer reattach(Path stateDir, long containerPid, long monitorPid) {
    ContainerFiles files = ContainerFiles.of(stateDir);
    Optional<ProcessHandle> monitor = ProcessHandle.of(monitorPid).filter(p -> isMonitorOf(p, files));
    CompletableFuture<?> monitorExit = monitor.<CompletableFuture<?>>map(ProcessHandle::onExit)
        .orElse(CompletableFuture.completedFuture(null));
    return running(files, containerPid, monitorPid, monitorExit);
  }

  private static boolean isMonitorOf(ProcessHandle process, ContainerFiles files) {
    return process.info().arguments()
        .map(args -> List.of(args).contains(files.specFile().toString()))
        .orElse(true); // arguments unreadable: trust the pid the engine saved
  }

  RunningContainer running(ContainerFiles files, long pid, long monitorPid, CompletableFuture<?> monitorExit) {
    CompletableFuture<ExitStatus> exited = monitorExit.thenApplyAsync(ignored -> exitStatus(files));
    return new RunningContainer(files.stateDir(), pid, monitorPid, exited);
  }

  private ExitStatus exitStatus(ContainerFiles files) {
    try {
      return ExitStatus.read(files.exitFile(), oomKills(files) > 0);
    } catch (IOException e) {
      throw new ContainerStateException("the monitor of the container in " + files.stateDir()
          + " exited without a valid exit status (" + e.getMessage() + "); see " + files.helperLog(), e);
    }
  }

  private long oomKills(ContainerFiles files) throws IOException {
    if (!Files.exists(files.cgroupFile())) {
      return 0;
    }
    return cgroups.oomKills(ContainerCgroup.parse(Files.readString(files.cgroupFile())));
  }

  /**
   * The {@code jc-helper run} processes on this host, by the spec file they were started with:
   * container monitors, and inits cloned by a helper that have not exec'd yet (they share its
   * command line). After an engine crash this is how the new engine finds what a start it never
   * finished left running. One pass over the process table, for all containers.
   */
  public static java.util.Map<Path, List<Long>> helperProcesses() {
    java.util.Map<Path, List<Long>> out = new java.util.HashMap<>();
    ProcessHandle.allProcesses().forEach(p -> {
      String[] args = p.info().arguments().orElse(null);
      String command = p.info().command().orElse("");
      // the helper runs from its sealed memfd copy ("/memfd:jc-helper (deleted)"), or from the installed binary before it re-executes
      boolean helper = command.startsWith("/memfd:jc-helper") || command.contains("/jc-helper-");
      if (args != null && args.length == 2 && args[0].equals("run") && helper) {
        out.computeIfAbsent(Path.of(args[1]).toAbsolutePath().normalize(), k -> new java.util.ArrayList<>()).add(p.pid());
      }
    });
    return out;
  }

  /**
   * Ends what an interrupted start left of the container in {@code stateDir}, one the engine does
   * not know as running (it was killed between preparing the container and recording it as
   * started): SIGKILLs every process in its cgroup and its jc-helper processes
   * ({@link #helperProcesses()}), waits for them, and removes the cgroup. The writable layer stays.
   * Idempotent.
   *
   * @return whether there was anything to end
   */
  public boolean abandon(String id, Path stateDir, List<Long> helperPids) {
    ContainerFiles files = ContainerFiles.of(stateDir);
    // a cgroup made just before the engine was killed, before its file was written, is found by its path
    boolean cgroupLeft = cgroups.locate(id).dirs().stream().anyMatch(d -> Files.isDirectory(d.path()));
    boolean found = Files.exists(files.cgroupFile()) || !helperPids.isEmpty() || cgroupLeft;
    if (!found) {
      return false;
    }
    if (Files.exists(files.cgroupFile())) {
      try {
        ContainerCgroup cgroup = ContainerCgroup.parse(Files.readString(files.cgroupFile()));
        thawQuietly(cgroup);
        killLeftovers(cgroup);
      } catch (IOException e) {
        // unreadable: the helpers below and cleanup's locate() still find it
      }
    }
    for (long pid : helperPids) {
      ProcessHandle.of(pid).ifPresent(p -> {
        Signals.send(pid, Signals.SIGKILL);
        try {
          p.onExit().get(5, java.util.concurrent.TimeUnit.SECONDS);
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
          // reaped by its parent or stuck: cleanup below says so if the cgroup cannot go
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      });
    }
    cleanup(id, stateDir, false);
    return true;
  }

  /**
   * Runs one more process in the running container whose init is host process {@code containerPid}
   * ({@code docker exec}): it joins all the container's namespaces (pid, mnt, uts, ipc, net,
   * cgroup) and its cgroup, with the container's capability bounding set. Returns once the command
   * was exec'd; its output and exit code are on the returned {@link ExecProcess}.
   *
   * @throws RuntimeSetupException when the container is not running, or the command could not be
   *     started (jc-helper's message, e.g. {@code exec "nosuch": No such file or directory})
   */
  public ExecProcess exec(String id, Path stateDir, long containerPid, ExecSpec spec) {
    ContainerFiles files = ContainerFiles.of(stateDir);
    String action = "exec " + spec.args().get(0) + " in the container";
    long capabilities;
    boolean seccomp;
    ContainerCgroup cgroup;
    List<dev.jcompose.runtime.helper.HelperRlimit> rlimits;
    Integer oomScoreAdj;
    try {
      ProcStatus init = ProcStatus.read(containerPid).orElseThrow(() -> new RuntimeSetupException(id, action,
          "its init (pid " + containerPid + ") is gone", "Start the container first", null));
      capabilities = init.boundingCapabilities();
      seccomp = init.field("Seccomp").map(mode -> !mode.equals("0")).orElse(false); // 2: the default filter
      cgroup = ContainerCgroup.parse(Files.readString(files.cgroupFile()));
      rlimits = ProcLimits.ofContainer(containerPid); // docker exec runs with the container's ulimits
      oomScoreAdj = ProcLimits.oomScoreAdjOf(containerPid);
    } catch (IOException e) {
      throw new RuntimeSetupException(id, action, "the container's state in " + stateDir + " is unreadable: " + e.getMessage(),
          "Is the container running?", e);
    }
    String profileFilter = null;
    try {
      profileFilter = Files.exists(files.seccompFile()) ? Files.readString(files.seccompFile()).strip() : null;
    } catch (IOException e) {
      throw new RuntimeSetupException(id, action, "the container's seccomp filter " + files.seccompFile() + " is unreadable: "
          + e.getMessage(), "Restart the container", e);
    }
    String helperSpec = HelperSpecFile.render(ExecSpecs.of(spec, containerPid, cgroup, capabilities, seccomp, profileFilter, rlimits,
        oomScoreAdj));
    Path specFile = null;
    try {
      specFile = Files.createTempFile(files.stateDir(), "exec-", ".spec"); // mode 600: it holds the environment
      HelperSpecFile.write(helperSpec, specFile);
      HelperExecProcess helper = HelperExecProcess.start(helperBinary, specFile, files.helperLog());
      HelperProtocol.Reply reply = helper.readReply();
      if (reply instanceof HelperProtocol.Pid pid) {
        reply = helper.readReply();
        if (reply instanceof HelperProtocol.Started) {
          return new ExecProcess(helper, pid.pid());
        }
      }
      helper.exitCode().join(); // after "error" the helper exits at once
      throw new RuntimeSetupException(id, action, describe(reply, files), hint(files), null);
    } catch (IOException e) {
      throw new RuntimeSetupException(id, action, "running " + helperBinary + " failed: " + e.getMessage(), hint(files), e);
    } finally {
      deleteQuietly(specFile);
    }
  }

  private static void deleteQuietly(Path file) {
    if (file == null) {
      return;
    }
    try {
      Files.deleteIfExists(file);
    } catch (IOException ignored) {
      // a leftover exec spec is harmless and mode 600
    }
  }

  /**
   * The resource use of the container whose state dir is {@code stateDir}, from its cgroup
   * ({@code docker stats}).
   *
   * @throws ContainerStateException when it has no cgroup (it is not running)
   */
  public dev.jcompose.runtime.cgroup.CgroupStats stats(Path stateDir) {
    ContainerFiles files = ContainerFiles.of(stateDir);
    try {
      return cgroups.stats(ContainerCgroup.parse(Files.readString(files.cgroupFile())));
    } catch (IOException | CgroupException e) {
      throw new ContainerStateException("the container in " + stateDir + " has no readable cgroup (is it running?): " + e.getMessage(), e);
    }
  }

  /**
   * Freezes every process of the container whose state dir is {@code stateDir} ({@code docker pause}):
   * returns once the kernel reports the cgroup frozen.
   *
   * @throws ContainerStateException when it has no cgroup (it is not running), or it could not be frozen
   */
  public void pause(Path stateDir) {
    freeze(stateDir, true);
  }

  /** Thaws the container frozen by {@link #pause(Path)} ({@code docker unpause}). */
  public void resume(Path stateDir) {
    freeze(stateDir, false);
  }

  /** Whether the container's cgroup is frozen now; false when it has none. */
  public boolean isPaused(Path stateDir) {
    ContainerFiles files = ContainerFiles.of(stateDir);
    try {
      return cgroups.isFrozen(ContainerCgroup.parse(Files.readString(files.cgroupFile())));
    } catch (IOException | CgroupException e) {
      return false;
    }
  }

  private void freeze(Path stateDir, boolean frozen) {
    ContainerFiles files = ContainerFiles.of(stateDir);
    ContainerCgroup cgroup;
    try {
      cgroup = ContainerCgroup.parse(Files.readString(files.cgroupFile()));
    } catch (IOException e) {
      throw new ContainerStateException("the container in " + stateDir + " has no readable cgroup (is it running?): " + e.getMessage(), e);
    }
    try {
      cgroups.freeze(cgroup, frozen);
    } catch (CgroupException e) {
      throw new ContainerStateException(e.getMessage(), e);
    }
  }

  /** Sends {@code signal} to host process {@code pid} (a container's init); false when it has exited already. */
  public boolean kill(long pid, int signal) {
    return Signals.send(pid, signal);
  }

  /**
   * Gives back what an exited container held — its cgroup, and any process left in it — but keeps
   * its writable layer (the upper dir), so that files it wrote are there when it starts again,
   * as with {@code docker stop} / {@code docker start}. Idempotent.
   */
  public void release(String id, Path stateDir) {
    cleanup(id, stateDir, false);
  }

  /**
   * Removes the container's cgroup and its rootfs dirs (upper, work, merged); keeps the log,
   * the exit status and the spec. Call it once the container has exited and its files are no
   * longer wanted (a build step whose upper dir was taken, a container that never started). Idempotent.
   */
  public void cleanup(String id, Path stateDir) {
    cleanup(id, stateDir, true);
  }

  private void cleanup(String id, Path stateDir, boolean removeRootfs) {
    ContainerFiles files = ContainerFiles.of(stateDir);
    try {
      ContainerCgroup cgroup = Files.exists(files.cgroupFile())
          ? ContainerCgroup.parse(Files.readString(files.cgroupFile()))
          : cgroups.locate(id);
      thawQuietly(cgroup); // frozen tasks (v1) do not die of SIGKILL until thawed
      killLeftovers(cgroup);
      cgroups.remove(cgroup); // fails while processes are left, which keeps the rootfs of a running container
      Files.deleteIfExists(files.cgroupFile());
      if (removeRootfs) {
        RootfsDirs.remove(files);
      }
    } catch (CgroupException | IOException e) {
      throw new RuntimeSetupException(id, "clean up", String.valueOf(e.getMessage()),
          "Make sure the container has exited, then call cleanup again", e);
    }
  }

  private void thawQuietly(ContainerCgroup cgroup) {
    try {
      if (cgroups.isFrozen(cgroup)) {
        cgroups.freeze(cgroup, false);
      }
    } catch (CgroupException e) {
      // the cgroup is gone already, or has no freezer: nothing is frozen there
    }
  }

  /**
   * SIGKILLs what is still in the cgroup of a container whose init has exited. In a pid namespace
   * of its own there is nothing (the kernel killed it with the init); in a shared one (pid: host or
   * container:X) the init's orphans live on, reparented outside the container: runc kills them
   * the same way. Waits up to a second for them to go.
   */
  private static void killLeftovers(ContainerCgroup cgroup) {
    for (int attempt = 0; attempt < 50; attempt++) {
      java.util.Set<Long> left = new java.util.TreeSet<>();
      for (dev.jcompose.runtime.cgroup.CgroupDir d : cgroup.dirs()) {
        try {
          for (String line : Files.readAllLines(d.path().resolve("cgroup.procs"))) {
            if (!line.isBlank()) {
              left.add(Long.parseLong(line.strip()));
            }
          }
        } catch (IOException | NumberFormatException e) {
          // a dir already gone, or a hierarchy without the file: nothing to kill there
        }
      }
      if (left.isEmpty()) {
        return;
      }
      left.forEach(pid -> Signals.send(pid, Signals.SIGKILL));
      try {
        Thread.sleep(20);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }

  /**
   * Cleans up after a failed prepare or start and returns the exception to throw; a writable
   * layer the container had before ({@code keepLayer}) stays.
   */
  private RuntimeSetupException failed(boolean keepLayer, String id, ContainerFiles files, String action, String reason, String hint,
      Exception cause) {
    RuntimeSetupException failure = new RuntimeSetupException(id, action, reason, hint, cause);
    try {
      cleanup(id, files.stateDir(), !keepLayer);
    } catch (RuntimeSetupException e) {
      failure.addSuppressed(e);
    }
    return failure;
  }

  RuntimeSetupException startFailed(String id, ContainerFiles files, HelperProtocol.Reply reply, boolean keepLayer) {
    return failed(keepLayer, id, files, "start the container", describe(reply, files), hint(files), null);
  }

  /** After an abort: the cgroup goes, and the rootfs dirs unless they held a layer from an earlier run. */
  void cleanupAfterAbort(String id, Path stateDir, boolean keepLayer) {
    cleanup(id, stateDir, !keepLayer);
  }

  private static boolean hasContent(Path dir) {
    try (java.util.stream.Stream<Path> entries = Files.list(dir)) {
      return entries.findAny().isPresent();
    } catch (IOException e) {
      return false; // absent: a new container
    }
  }

  private static String describe(HelperProtocol.Reply reply, ContainerFiles files) {
    if (reply instanceof HelperProtocol.Failed f) {
      return f.message();
    }
    return "jc-helper exited without saying why" + helperLogTail(files);
  }

  private static String hint(ContainerFiles files) {
    return "The container's files are in " + files.stateDir() + "; jc-helper's own messages in " + files.helperLog();
  }

  private static String helperLogTail(ContainerFiles files) {
    try {
      String log = Files.readString(files.helperLog()).strip();
      return log.isEmpty() ? "" : " (" + log.substring(Math.max(0, log.length() - 500)) + ")";
    } catch (IOException e) {
      return "";
    }
  }
}
