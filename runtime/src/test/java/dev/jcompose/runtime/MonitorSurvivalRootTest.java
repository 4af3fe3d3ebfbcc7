package dev.jcompose.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jcompose.runtime.cgroup.CgroupDir;
import dev.jcompose.runtime.helper.HelperSpecFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The engine dies, the container lives on: jc-helper is started by a shell that exits at once
 * (as a crashing engine would), and the monitor still logs and records the exit. And an engine
 * killed in the middle of a start leaves a container it never recorded as running (a helper
 * waiting on its sync pipe, or a container already running): a new engine finds the helper
 * processes by their spec file ({@link ContainerRuntime#helperProcesses()}) and {@code abandon}
 * ends them and removes the cgroup.
 */
class MonitorSurvivalRootTest extends BusyboxRootTest {
  @Test
  void monitor_outlivesItsParent_andStillWritesLogAndExitStatus() throws Exception {
    ContainerSpec spec = containers.shell("echo before; sleep 1000");
    ContainerFiles files = ContainerFiles.of(spec.stateDir());
    Files.createDirectories(files.upperDir());
    Files.createDirectories(files.workDir());
    Files.createDirectories(files.mergedDir());
    HelperSpecFile.write(HelperSpecs.of(spec, files), files.specFile());
    Path replies = spec.stateDir().resolve("replies.txt");
    Process parent = new ProcessBuilder("sh", "-c", "printf 'go\\n' | \"$0\" run \"$1\" > \"$2\" 2>&1 &",
        runtime.helperBinary().toString(), files.specFile().toString(), replies.toString()).start();
    assertEquals(0, parent.waitFor(), "the helper's parent shell has exited");

    long pid = waitForPid(replies);
    long monitor = ProcessHandle.of(pid).flatMap(ProcessHandle::parent).map(ProcessHandle::pid).orElseThrow();
    for (int i = 0; i < 500 && Files.readAllLines(replies).size() < 2; i++) { // a loaded host takes its time
      Thread.sleep(20);
    }
    assertEquals(List.of("pid " + pid, "started"), Files.readAllLines(replies));
    assertTrue(ProcessHandle.of(pid).isPresent(), "the container runs without the process that started it");
    assertTrue(ProcessHandle.of(monitor).flatMap(ProcessHandle::parent).map(ProcessHandle::pid).orElse(-1L) != parent.pid());

    RunningContainer c = runtime.reattach(spec.stateDir(), pid, monitor);
    runtime.kill(pid, 9);
    ExitStatus status = c.exited().get(15, TimeUnit.SECONDS);
    assertEquals(137, status.exitCode());
    assertEquals("before\n", RootTestSupport.output(spec));
    runtime.cleanup(spec.id(), spec.stateDir());
    containers.assertNothingLeft(spec, pid, monitor);
  }

  private static long waitForPid(Path replies) throws Exception {
    for (int i = 0; i < 200; i++) {
      if (Files.exists(replies)) {
        for (String line : Files.readAllLines(replies)) {
          if (line.startsWith("pid ")) {
            return Long.parseLong(line.substring(4));
          }
        }
      }
      Thread.sleep(10);
    }
    throw new AssertionError("jc-helper did not report a pid: " + (Files.exists(replies) ? Files.readString(replies) : "no output"));
  }

  @Test
  void abandon_preparedNeverStarted_helperAndInitGo_cgroupGoes() throws Exception {
    try (RootTestSupport containers = new RootTestSupport(runtime, shared.resolve("state"), rootfs)) {
      ContainerSpec spec = containers.shell("sleep 1000");
      PreparedContainer p = containers.prepare(spec);
      List<Long> helpers = helpersOf(spec);
      assertTrue(helpers.contains(p.pid()), "the waiting init shares the helper's command line: " + helpers);
      assertEquals(2, helpers.size(), "the helper and its waiting init: " + helpers);

      assertTrue(runtime.abandon(spec.id(), spec.stateDir(), helpers));
      assertGone(spec, helpers);
      assertFalse(runtime.abandon(spec.id(), spec.stateDir(), List.of()), "nothing is left the second time");
    }
  }

  @Test
  void abandon_aCgroupWhoseFileWasNeverWritten_isFoundByItsPath_andGoes() throws Exception {
    String id = "jct-abandon-" + System.nanoTime();
    java.nio.file.Path stateDir = shared.resolve("state").resolve(id);
    Files.createDirectories(stateDir);
    // the engine was killed between making the cgroup and writing its file
    dev.jcompose.runtime.cgroup.ContainerCgroup cgroup = runtime.cgroups().create(id, dev.jcompose.runtime.cgroup.CgroupLimits.NONE);
    try {
      assertTrue(cgroup.dirs().stream().anyMatch(d -> Files.isDirectory(d.path())));
      assertTrue(runtime.abandon(id, stateDir, List.of()), "a cgroup is something to end");
      assertTrue(cgroup.dirs().stream().noneMatch(d -> Files.isDirectory(d.path())), "every hierarchy's dir is gone");
      assertFalse(runtime.abandon(id, stateDir, List.of()), "nothing is left the second time");
    } finally {
      runtime.cgroups().remove(cgroup);
    }
  }

  @Test
  void abandon_startedButNotRecorded_containerAndMonitorGo_cgroupGoes() throws Exception {
    try (RootTestSupport containers = new RootTestSupport(runtime, shared.resolve("state"), rootfs)) {
      ContainerSpec spec = containers.shell("sleep 1000");
      RunningContainer c = containers.start(spec);
      List<Long> helpers = helpersOf(spec);
      assertEquals(List.of(c.monitorPid()), helpers, "after the exec only the monitor runs jc-helper");

      assertTrue(runtime.abandon(spec.id(), spec.stateDir(), helpers));
      assertGone(spec, List.of(c.pid(), c.monitorPid()));
      assertTrue(Files.exists(ContainerFiles.of(spec.stateDir()).upperDir()), "the writable layer stays");
    }
  }

  private static List<Long> helpersOf(ContainerSpec spec) {
    Map<Path, List<Long>> all = ContainerRuntime.helperProcesses();
    return all.getOrDefault(ContainerFiles.of(spec.stateDir()).specFile(), List.of()).stream().sorted().toList();
  }

  private static void assertGone(ContainerSpec spec, List<Long> pids) {
    for (long pid : pids) {
      assertFalse(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false), "process " + pid + " is gone");
    }
    for (CgroupDir d : runtime.cgroups().locate(spec.id()).dirs()) {
      assertFalse(Files.exists(d.path()), "cgroup " + d.path() + " is removed");
    }
    assertFalse(Files.exists(ContainerFiles.of(spec.stateDir()).cgroupFile()), "the cgroups file is removed");
  }
}
