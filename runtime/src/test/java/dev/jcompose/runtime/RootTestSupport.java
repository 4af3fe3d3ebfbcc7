package dev.jcompose.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jcompose.linux.HostCommand;
import dev.jcompose.linux.proc.MountInfo;
import dev.jcompose.runtime.cgroup.CgroupDir;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * For the root-tagged tests: a busybox-static root filesystem, unique container ids, and
 * bookkeeping so every container is killed and cleaned up even when a test fails.
 */
final class RootTestSupport implements AutoCloseable {
  private final ContainerRuntime runtime;
  private final Path stateRoot;
  private final Path rootfs;
  private final List<RunningContainer> running = new java.util.concurrent.CopyOnWriteArrayList<>();
  private final List<PreparedContainer> prepared = new java.util.concurrent.CopyOnWriteArrayList<>();
  private final List<ContainerSpec> specs = new java.util.concurrent.CopyOnWriteArrayList<>();

  RootTestSupport(ContainerRuntime runtime, Path stateRoot, Path rootfs) {
    this.runtime = runtime;
    this.stateRoot = stateRoot;
    this.rootfs = rootfs;
  }

  static void assumeRootAndBusybox() throws IOException {
    Assumptions.assumeTrue((int) Files.getAttribute(Path.of("/proc/self"), "unix:uid") == 0, "needs root (namespaces, mounts, cgroups)");
    Assumptions.assumeTrue(Files.isExecutable(Path.of("/bin/busybox")), "needs /bin/busybox (apt-get install busybox-static)");
  }

  /** rootfs/bin/busybox plus a symlink per applet, and the few dirs a container expects. */
  static Path makeBusyboxRootfs(Path dir) throws IOException {
    Path bin = Files.createDirectories(dir.resolve("bin"));
    Files.copy(Path.of("/bin/busybox"), bin.resolve("busybox"));
    for (String applet : HostCommand.run(List.of("/bin/busybox", "--list")).stdout().split("\n")) {
      if (!applet.isBlank() && !applet.equals("busybox")) {
        Files.createSymbolicLink(bin.resolve(applet), Path.of("busybox"));
      }
    }
    for (String d : List.of("etc", "tmp", "proc", "sys", "dev", "root")) {
      Files.createDirectories(dir.resolve(d));
    }
    return dir;
  }

  /** A spec for {@code sh -c script} with a fresh id and state dir. */
  ContainerSpec shell(String script) {
    return command("sh", "-c", script);
  }

  ContainerSpec command(String... args) {
    String id = "jct-" + HexFormat.of().formatHex(randomBytes());
    return ContainerSpec.of(id, List.of(rootfs), stateRoot.resolve("containers").resolve(id), List.of(args)).withEnv(List.of("PATH=/bin"));
  }

  private static byte[] randomBytes() {
    byte[] b = new byte[6];
    ThreadLocalRandom.current().nextBytes(b);
    return b;
  }

  PreparedContainer prepare(ContainerSpec spec) {
    specs.add(spec);
    PreparedContainer p = runtime.prepare(spec);
    prepared.add(p);
    return p;
  }

  RunningContainer start(ContainerSpec spec) {
    PreparedContainer p = prepare(spec);
    prepared.remove(p);
    RunningContainer c = p.start();
    running.add(c);
    return c;
  }

  /** Runs {@code spec} to its end and cleans it up; returns the exit status. */
  ExitStatus run(ContainerSpec spec) throws Exception {
    RunningContainer c = start(spec);
    ExitStatus status = c.exited().get(30, TimeUnit.SECONDS);
    cleanupAndCheck(spec, c);
    return status;
  }

  /** The container's output, one string per log entry, stdout and stderr interleaved. */
  static String output(ContainerSpec spec) throws IOException {
    StringBuilder out = new StringBuilder();
    ContainerLogReader.of(spec.stateDir()).read(-1).forEach(e -> out.append(e.text()));
    return out.toString();
  }

  void cleanupAndCheck(ContainerSpec spec, RunningContainer c) {
    runtime.cleanup(spec.id(), spec.stateDir());
    assertNothingLeft(spec, c.pid(), c.monitorPid());
  }

  /** No process, no cgroup dir, no mount and no rootfs dir of the container remain. */
  void assertNothingLeft(ContainerSpec spec, long pid, long monitorPid) {
    assertFalse(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false), "container init " + pid + " is gone");
    if (monitorPid > 0) {
      assertFalse(ProcessHandle.of(monitorPid).map(ProcessHandle::isAlive).orElse(false), "monitor " + monitorPid + " is gone");
    }
    for (CgroupDir d : runtime.cgroups().locate(spec.id()).dirs()) {
      assertFalse(Files.exists(d.path()), "cgroup " + d.path() + " is removed");
    }
    List<String> mounts = MountInfo.readSelf().stream().map(MountInfo::mountPoint)
        .filter(m -> m.startsWith(stateRoot.toString())).toList();
    assertEquals(List.of(), mounts, "no mounts below the state root");
    ContainerFiles files = ContainerFiles.of(spec.stateDir());
    for (Path p : List.of(files.upperDir(), files.workDir(), files.mergedDir(), files.cgroupFile())) {
      assertFalse(Files.exists(p), p + " is removed");
    }
    assertTrue(Files.exists(files.logFile()), "the log is kept");
  }

  /** Kills and cleans up whatever a test left running. */
  @Override
  public void close() {
    for (PreparedContainer p : prepared) {
      try {
        p.abort();
      } catch (RuntimeException | Error ignored) {
        // started or aborted already
      }
    }
    for (RunningContainer c : running) {
      if (c.exited().isDone()) {
        continue; // its pid may belong to another process by now
      }
      runtime.kill(c.pid(), 9);
      try {
        c.exited().get(10, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      } catch (Exception ignored) {
        // the cleanup below reports what is left
      }
    }
    for (ContainerSpec s : specs) {
      runtime.cleanup(s.id(), s.stateDir());
    }
  }
}
