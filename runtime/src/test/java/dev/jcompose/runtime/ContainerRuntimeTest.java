package dev.jcompose.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jcompose.runtime.cgroup.CgroupHierarchy;
import dev.jcompose.runtime.cgroup.CgroupV1Manager;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What ContainerRuntime does without starting anything (no root needed): cgroups are a plain directory here. */
class ContainerRuntimeTest {
  @TempDir Path dir;
  ContainerRuntime runtime;

  @BeforeEach
  void setUp() {
    runtime = new ContainerRuntime(dir.resolve("root"), new CgroupV1Manager(List.of(new CgroupHierarchy("memory", dir.resolve("cgroup")))));
  }

  @Test
  void constructor_installsTheHelper() {
    assertTrue(Files.isExecutable(runtime.helperBinary()));
    assertEquals(dir.resolve("root/bin"), runtime.helperBinary().getParent());
  }

  @Test
  void prepare_nulInTheCommand_isRejectedBeforeAnythingIsCreated() {
    Path state = dir.resolve("root/containers/c1");
    ContainerSpec spec = ContainerSpec.of("c1", List.of(dir.resolve("layer")), state, List.of("sh", "-c", "echo a\0echo b"));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> runtime.prepare(spec));
    assertTrue(e.getMessage().startsWith("args[2] \"echo a\\0echo b\" contains a NUL byte"), e.getMessage());
    assertFalse(Files.exists(state));
    assertFalse(Files.exists(dir.resolve("cgroup/jcompose")));
  }

  @Test
  void reattach_toAGoneMonitor_readsTheExitStatusAtOnce() throws Exception {
    Path state = Files.createDirectories(dir.resolve("root/containers/c2"));
    Files.writeString(state.resolve("exit.json"), "{\"exitCode\":3,\"signal\":0,\"finishedAt\":\"2026-11-23T10:00:00Z\"}\n");
    Process gone = new ProcessBuilder("true").start();
    gone.waitFor();
    RunningContainer c = runtime.reattach(state, 123456789, gone.pid());
    assertEquals(3, c.exited().get(5, TimeUnit.SECONDS).exitCode());
    assertFalse(c.exited().get().oomKilled());
  }

  @Test
  void reattach_toAProcessThatIsNotTheMonitor_doesNotWaitForIt() throws Exception {
    Path state = Files.createDirectories(dir.resolve("root/containers/c3"));
    Files.writeString(state.resolve("exit.json"), "{\"exitCode\":0,\"signal\":0,\"finishedAt\":\"2026-11-23T10:00:00Z\"}\n");
    Process unrelated = new ProcessBuilder("sleep", "30").start();
    try {
      RunningContainer c = runtime.reattach(state, 123456789, unrelated.pid());
      assertEquals(0, c.exited().get(5, TimeUnit.SECONDS).exitCode(), "a reused pid is not mistaken for the monitor");
    } finally {
      unrelated.destroyForcibly();
    }
  }

  @Test
  void reattach_monitorDiedWithoutExitFile_failsWithWhereToLook() throws Exception {
    Path state = Files.createDirectories(dir.resolve("root/containers/c4"));
    RunningContainer c = runtime.reattach(state, 123456789, Long.MAX_VALUE / 2);
    Exception e = assertThrows(Exception.class, () -> c.exited().get(5, TimeUnit.SECONDS));
    assertTrue(e.getCause() instanceof ContainerStateException, String.valueOf(e.getCause()));
    assertTrue(e.getCause().getMessage().contains("exited without a valid exit status"), e.getCause().getMessage());
    assertTrue(e.getCause().getMessage().endsWith("see " + state.resolve("helper.log")), e.getCause().getMessage());
  }

  @Test
  void cleanup_ofAContainerThatNeverRan_isFine() {
    Path state = dir.resolve("root/containers/c5");
    runtime.cleanup("c5", state);
    runtime.cleanup("c5", state);
  }
}
