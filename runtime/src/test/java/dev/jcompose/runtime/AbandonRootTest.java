package dev.jcompose.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jcompose.runtime.cgroup.CgroupDir;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An engine killed in the middle of a start leaves a container it never recorded as running: a
 * helper waiting on its sync pipe, or a container already running. A new engine finds the helper
 * processes by their spec file ({@link ContainerRuntime#helperProcesses()}) and {@code abandon}
 * ends them and removes the cgroup.
 */
@Tag("root")
class AbandonRootTest {
  @TempDir static Path shared;
  static Path rootfs;
  static ContainerRuntime runtime;

  @BeforeAll
  static void setUp() throws Exception {
    RootTestSupport.assumeRootAndBusybox();
    rootfs = RootTestSupport.makeBusyboxRootfs(shared.resolve("rootfs"));
    runtime = new ContainerRuntime(shared.resolve("state"));
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
