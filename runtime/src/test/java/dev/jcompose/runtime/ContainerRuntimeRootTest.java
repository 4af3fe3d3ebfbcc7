package dev.jcompose.runtime;

import static dev.jcompose.runtime.RootTestSupport.output;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jcompose.linux.proc.Signals;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The real thing: containers from a busybox rootfs, as root. */
class ContainerRuntimeRootTest extends BusyboxRootTest {
  @Test
  void init_isPid1_seesOnlyItsOwnProcesses_andItsHostname() throws Exception {
    ContainerSpec spec = containers.shell("echo pid=$$; hostname; ps -o pid,comm; true").withHostname("box1");
    assertEquals(0, containers.run(spec).exitCode());
    List<String> lines = List.of(output(spec).split("\n"));
    assertEquals("pid=1", lines.get(0));
    assertEquals("box1", lines.get(1));
    List<String> ps = lines.subList(3, lines.size()).stream().map(String::strip).toList(); // after the PID COMMAND header
    assertEquals(2, ps.size(), "only sh and ps: " + ps);
    assertEquals("1 sh", ps.get(0));
    assertTrue(ps.get(1).endsWith(" ps"), ps.toString());
  }

  @Test
  void hostname_defaultsToTheIdPrefix() throws Exception {
    ContainerSpec spec = containers.command("hostname");
    containers.run(spec);
    assertEquals(spec.id().substring(0, 12) + "\n", output(spec));
  }

  @Test
  void newNetwork_hasOnlyLoopback_andItIsUp() throws Exception {
    ContainerSpec spec = containers.shell("ip -o link; ip -o addr show lo");
    containers.run(spec);
    String out = output(spec);
    List<String> links = out.lines().filter(l -> l.matches("\\d+: .*")).filter(l -> l.contains("link/")).toList();
    assertEquals(1, links.size(), out);
    assertTrue(links.get(0).startsWith("1: lo: <LOOPBACK,UP,LOWER_UP>"), out);
    assertTrue(out.contains("inet 127.0.0.1/8"), out);
  }

  @Test
  void hostNetwork_seesTheHostsInterfaces() throws Exception {
    ContainerSpec spec = containers.shell("ip -o link").withNewNetwork(false);
    containers.run(spec);
    long hostLinks = Files.list(Path.of("/sys/class/net")).count();
    assertEquals(hostLinks, output(spec).lines().count(), output(spec));
  }

  @Test
  void memoryLimit_oomKillsTheHog_andTheExitStatusSaysSo() throws Exception {
    ContainerSpec spec = containers.shell("tail /dev/zero; echo tail=$?")
        .withResources(Resources.NONE.withMemoryBytes(32L << 20));
    ExitStatus status = containers.run(spec);
    assertTrue(output(spec).contains("tail=137\n"), output(spec));
    assertEquals(0, status.exitCode(), "the init survives; only the hog was killed");
    assertTrue(status.oomKilled(), "the OOM kill is read from the cgroup");
  }

  @Test
  void memoryLimit_initItselfOomKilled_is137AndSignal9() throws Exception {
    ContainerSpec spec = containers.command("tail", "/dev/zero").withResources(Resources.NONE.withMemoryBytes(32L << 20));
    ExitStatus status = containers.run(spec);
    assertEquals(137, status.exitCode());
    assertEquals(9, status.signal());
    assertTrue(status.oomKilled());
  }

  @Test
  void pidsLimit_stopsTheTenthFork() throws Exception {
    ContainerSpec spec = containers.shell("i=0; while [ $i -lt 20 ]; do sleep 5 & i=$((i+1)); echo $i; done")
        .withResources(Resources.NONE.withPidsLimit(10));
    ExitStatus status = containers.run(spec);
    assertEquals(2, status.exitCode(), "busybox sh gives up when it cannot fork");
    String out = output(spec);
    assertTrue(out.contains("can't fork: Resource temporarily unavailable"), out);
    assertTrue(out.startsWith("1\n2\n3\n4\n5\n6\n7\n8\n9\n") && !out.contains("10\n"), "sh + 9 sleeps = 10 pids: " + out);
  }

  @Test
  void cpuLimits_areWrittenToTheCgroup() throws Exception {
    ContainerSpec spec = containers.command("sleep", "30")
        .withResources(Resources.NONE.withCpuQuota(25_000, 100_000).withCpuShares(512));
    RunningContainer c = containers.start(spec);
    Path cpu = runtime.cgroups().locate(spec.id()).dirFor("cpu").orElseThrow();
    assertEquals("25000", Files.readString(cpu.resolve("cpu.cfs_quota_us")).strip());
    assertEquals("512", Files.readString(cpu.resolve("cpu.shares")).strip());
    assertEquals(List.of(Long.toString(c.pid())), Files.readAllLines(cpu.resolve("cgroup.procs")));
    runtime.kill(c.pid(), Signals.SIGKILL);
    assertEquals(137, c.exited().get(10, TimeUnit.SECONDS).exitCode());
    containers.cleanupAndCheck(spec, c);
  }

  @Test
  void cgroupNamespace_rootIsTheContainersCgroup() throws Exception {
    ContainerSpec spec = containers.shell("grep memory /proc/self/cgroup");
    containers.run(spec);
    assertTrue(output(spec).matches("\\d+:memory:/\n"), output(spec));
  }

  @Test
  void bindMounts_showHostFiles_readOnlyIsEnforced_andTmpfsIsMounted(@TempDir Path host) throws Exception {
    Files.writeString(host.resolve("hello.txt"), "hello from the host\n");
    Path shared = Files.createDirectories(host.resolve("shared"));
    ContainerSpec spec = containers.shell("cat /data/hello.txt; echo x > /data/hello.txt || echo refused; "
            + "echo written > /out/from-container.txt; grep ' /scratch ' /proc/mounts")
        .withMounts(List.of(
            MountSpec.bind(host.resolve("hello.txt").toString(), "/data/hello.txt", true),
            MountSpec.bind(shared.toString(), "/out", false),
            MountSpec.tmpfs("/scratch", List.of("size=1m", "mode=1777"))));
    containers.run(spec);
    String out = output(spec);
    assertTrue(out.startsWith("hello from the host\n"), out);
    assertTrue(out.contains("Read-only file system") && out.contains("refused\n"), out);
    assertTrue(out.contains("tmpfs /scratch tmpfs rw,relatime,size=1024k"), out);
    assertEquals("written\n", Files.readString(shared.resolve("from-container.txt")));
    assertEquals("hello from the host\n", Files.readString(host.resolve("hello.txt")));
  }

  @Test
  void bindMount_symlinkInTheImage_cannotEscapeTheRootfs(@TempDir Path host) throws Exception {
    Files.writeString(host.resolve("f"), "f\n");
    Path image = Files.createDirectories(host.resolve("layer"));
    Files.createSymbolicLink(image.resolve("escape"), Path.of("/"));
    Path outside = host.resolve("outside-marker");
    ContainerSpec base = containers.command("ls", "/");
    ContainerSpec spec = new ContainerSpec(base.id(), "", List.of(image, rootfs), base.stateDir(), base.args(), base.env(),
        "/", 0, 0, List.of(MountSpec.bind(host.resolve("f").toString(), "/escape" + outside, false)), Resources.NONE, true);
    containers.run(spec);
    assertFalse(Files.exists(outside), "the mount target was created inside the rootfs, not on the host");
  }

  @Test
  void multiLineScript_withBackslashes_runsAsWritten() throws Exception {
    ExitStatus status = containers.run(containers.shell("a=1\nb='x\\ny'\n[ \"$b\" = 'x\\ny' ] && exit 7\nexit 1"));
    assertEquals(7, status.exitCode(), "a three-line script whose backslash must survive");
  }

  @Test
  void signalToItsProcessGroup_staysInTheContainer_theMonitorRecordsTheExit() throws Exception {
    ExitStatus status = containers.run(containers.shell("trap 'exit 42' TERM; kill -TERM 0; sleep 5"));
    assertEquals(42, status.exitCode(), "the container's own group got the signal, and the monitor survived to record it");
  }

  @Test
  void exitCode_isRecorded() throws Exception {
    Instant before = Instant.now();
    ExitStatus status = containers.run(containers.shell("exit 42"));
    assertEquals(42, status.exitCode());
    assertEquals(0, status.signal());
    assertFalse(status.oomKilled());
    assertTrue(!status.finishedAt().isBefore(before.minusSeconds(1)) && status.finishedAt().isBefore(Instant.now().plusSeconds(1)),
        status.finishedAt().toString());
  }

  @Test
  void kill_sigkill_is137AndSignal9_sigtermIsIgnoredByAnInitWithoutHandler() throws Exception {
    ContainerSpec spec = containers.command("sleep", "1000");
    RunningContainer c = containers.start(spec);
    assertTrue(runtime.kill(c.pid(), Signals.SIGTERM));
    Thread.sleep(200);
    assertFalse(c.exited().isDone(), "PID 1 ignores SIGTERM it has no handler for, as in Docker");
    assertTrue(runtime.kill(c.pid(), Signals.SIGKILL));
    ExitStatus status = c.exited().get(10, TimeUnit.SECONDS);
    assertEquals(137, status.exitCode());
    assertEquals(9, status.signal());
    assertFalse(status.oomKilled());
    containers.cleanupAndCheck(spec, c);
  }

  @Test
  void exec_missingCommand_failsStartWithTheHelpersMessage_andCleansUp() {
    ContainerSpec spec = containers.command("nosuch");
    PreparedContainer p = containers.prepare(spec);
    RuntimeSetupException e = assertThrows(RuntimeSetupException.class, p::start);
    assertEquals("exec \"nosuch\": No such file or directory", e.reason());
    assertTrue(e.getMessage().startsWith("container " + spec.id() + ": could not start the container: exec \"nosuch\""), e.getMessage());
    containers.assertNothingLeft(spec, p.pid(), 0);
  }

  @Test
  void mount_badLayer_namesTheOverlayStep() {
    ContainerSpec base = containers.command("true");
    ContainerSpec spec = new ContainerSpec(base.id(), "", List.of(Path.of("/nonexistent/layer")), base.stateDir(), base.args(),
        base.env(), "/", 0, 0, List.of(), Resources.NONE, true);
    PreparedContainer p = containers.prepare(spec);
    RuntimeSetupException e = assertThrows(RuntimeSetupException.class, p::start);
    assertTrue(e.reason().startsWith("mount overlay on " + spec.stateDir().resolve("merged") + ": No such file or directory"), e.reason());
  }

  @Test
  void release_keepsTheWritableLayer_forTheNextStart_andAFailedStartKeepsItToo() throws Exception {
    ContainerSpec spec = containers.shell("echo kept > /note");
    RunningContainer first = containers.start(spec);
    first.exited().get(10, TimeUnit.SECONDS);
    runtime.release(spec.id(), spec.stateDir());
    Path note = ContainerFiles.of(spec.stateDir()).upperDir().resolve("note");
    assertTrue(Files.exists(note), "the upper dir outlives the exit");

    RunningContainer second = runtime.prepare(spec.withEnv(List.of("X=1"))).start();
    second.exited().get(10, TimeUnit.SECONDS);
    runtime.release(spec.id(), spec.stateDir());

    PreparedContainer failing = runtime.prepare(new ContainerSpec(spec.id(), "", spec.lowerDirs(), spec.stateDir(), List.of("nosuch"),
        List.of(), "/", 0, 0, List.of(), Resources.NONE, true));
    assertThrows(RuntimeSetupException.class, failing::start);
    assertTrue(Files.exists(note), "a failed start of a container that ran before keeps its files");
    runtime.cleanup(spec.id(), spec.stateDir());
    assertFalse(Files.exists(note), "cleanup removes them");
  }

  @Test
  void abort_killsTheWaitingInit_andCleansUp() throws Exception {
    ContainerSpec spec = containers.command("true");
    PreparedContainer p = containers.prepare(spec);
    assertTrue(ProcessHandle.of(p.pid()).isPresent(), "the init waits for start");
    p.abort();
    Thread.sleep(50);
    containers.assertNothingLeft(spec, p.pid(), 0);
  }

  @Test
  void user_runsWithThatUidAndGid_andNoCapabilities() throws Exception {
    ContainerSpec spec = containers.shell("id -u; id -g; grep -E 'Cap(Eff|Bnd)' /proc/self/status").withUser(1000, 1001);
    containers.run(spec);
    assertEquals("1000\n1001\nCapEff:\t0000000000000000\nCapBnd:\t00000000a80425fb\n", output(spec));
  }

  @Test
  void root_hasDockersDefaultCapabilities_andReadOnlyProcSys() throws Exception {
    ContainerSpec spec = containers.shell("grep -E 'Cap(Eff|Bnd)' /proc/self/status; (echo 1 > /proc/sys/vm/drop_caches) 2>&1 || echo ro");
    containers.run(spec);
    String out = output(spec);
    assertTrue(out.startsWith("CapEff:\t00000000a80425fb\nCapBnd:\t00000000a80425fb\n"), out);
    assertTrue(out.endsWith("sh: can't create /proc/sys/vm/drop_caches: Read-only file system\nro\n"), out);
  }

  @Test
  void devicesCgroup_deniesOpeningAHostDisk() throws Exception {
    ContainerSpec spec = containers.shell("mknod /tmp/disk b 7 0 && head -c 1 /tmp/disk; echo rc=$?");
    containers.run(spec);
    assertTrue(output(spec).contains("Operation not permitted"), output(spec));
  }

  @Test
  void workingDir_isCreatedWhenMissing() throws Exception {
    ContainerSpec spec = containers.command("pwd").withWorkingDir("/srv/app/work");
    containers.run(spec);
    assertEquals("/srv/app/work\n", output(spec));
  }

  @Test
  void env_isExactlyTheSpecs() throws Exception {
    ContainerSpec spec = containers.command("env").withEnv(List.of("PATH=/bin", "GREETING=hello world"));
    containers.run(spec);
    assertEquals(List.of("GREETING=hello world", "PATH=/bin"), output(spec).lines().sorted().toList());
  }

  @Test
  void container_survivesWhenTheEngineStopsListening() throws Exception {
    ContainerSpec spec = containers.command("sleep", "1000");
    RunningContainer c = containers.start(spec); // start() has closed the engine's ends of the helper's pipes
    Thread.sleep(300);
    assertTrue(ProcessHandle.of(c.pid()).map(ProcessHandle::isAlive).orElse(false), "the container still runs");
    assertTrue(ProcessHandle.of(c.monitorPid()).map(ProcessHandle::isAlive).orElse(false), "its monitor still runs");
    runtime.kill(c.pid(), Signals.SIGKILL);
    assertEquals(137, c.exited().get(10, TimeUnit.SECONDS).exitCode());
    containers.cleanupAndCheck(spec, c);
  }

  @Test
  void reattach_findsTheRunningContainerAgain() throws Exception {
    ContainerSpec spec = containers.shell("echo up; exec sleep 1000");
    RunningContainer c = containers.start(spec);
    RunningContainer again = runtime.reattach(spec.stateDir(), c.pid(), c.monitorPid());
    assertFalse(again.exited().isDone());
    runtime.kill(again.pid(), Signals.SIGKILL);
    assertEquals(137, again.exited().get(10, TimeUnit.SECONDS).exitCode());
    assertEquals(137, c.exited().get(10, TimeUnit.SECONDS).exitCode());
    containers.cleanupAndCheck(spec, c);
    assertEquals(137, runtime.reattach(spec.stateDir(), c.pid(), c.monitorPid()).exited().get(5, TimeUnit.SECONDS).exitCode(),
        "reattaching to an exited container reads its exit status");
  }

  @Test
  void manyContainersInParallel_allRunAndLeaveNothing() throws Exception {
    List<ContainerSpec> specs = java.util.stream.IntStream.range(0, 8)
        .mapToObj(i -> containers.shell("echo " + i).withResources(Resources.NONE.withMemoryBytes(64L << 20).withPidsLimit(50)))
        .toList();
    List<java.util.concurrent.CompletableFuture<ExitStatus>> runs = specs.stream()
        .map(s -> java.util.concurrent.CompletableFuture.supplyAsync(() -> {
          try {
            return containers.run(s);
          } catch (Exception e) {
            throw new IllegalStateException(e);
          }
        })).toList();
    for (int i = 0; i < specs.size(); i++) {
      assertEquals(0, runs.get(i).get(30, TimeUnit.SECONDS).exitCode());
      assertEquals(i + "\n", output(specs.get(i)));
    }
  }

  @Test
  void cleanup_isIdempotent() throws Exception {
    ContainerSpec spec = containers.command("true");
    containers.run(spec);
    runtime.cleanup(spec.id(), spec.stateDir());
    runtime.cleanup(spec.id(), spec.stateDir());
  }

  @Test
  void prepareAndStart_ofTrue_takesMilliseconds() throws Exception {
    int warmup = 5;
    int runs = 30;
    long[] startMicros = new long[runs];
    long[] totalMicros = new long[runs];
    for (int i = -warmup; i < runs; i++) {
      ContainerSpec spec = containers.command("true").withResources(Resources.NONE.withMemoryBytes(64L << 20).withPidsLimit(100));
      long t0 = System.nanoTime();
      RunningContainer c = containers.start(spec);
      long t1 = System.nanoTime();
      c.exited().get(10, TimeUnit.SECONDS);
      runtime.cleanup(spec.id(), spec.stateDir());
      long t2 = System.nanoTime();
      if (i >= 0) {
        startMicros[i] = (t1 - t0) / 1000;
        totalMicros[i] = (t2 - t0) / 1000;
      }
    }
    java.util.Arrays.sort(startMicros);
    java.util.Arrays.sort(totalMicros);
    System.out.printf("prepare+start of `true` (new netns, memory+pids limits): median %.1f ms, min %.1f, p90 %.1f;"
            + " through exit and cleanup: median %.1f ms (%d runs after %d warm-up)%n",
        startMicros[runs / 2] / 1000.0, startMicros[0] / 1000.0, startMicros[runs * 9 / 10] / 1000.0,
        totalMicros[runs / 2] / 1000.0, runs, warmup);
    assertTrue(startMicros[runs / 2] < Duration.ofSeconds(1).toNanos() / 1000, "prepare+start well under a second");
  }
}
