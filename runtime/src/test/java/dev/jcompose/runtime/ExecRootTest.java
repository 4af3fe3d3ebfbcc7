package dev.jcompose.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jcompose.runtime.cgroup.CgroupDir;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@link ContainerRuntime#exec}: checked from inside the container, as root. */
class ExecRootTest extends BusyboxRootTest {
  ContainerSpec spec;
  RunningContainer container;

  @BeforeEach
  void startContainer() {
    spec = containers.command("sleep", "1000");
    container = containers.start(spec);
  }

  ExecOutput exec(ExecSpec exec) throws Exception {
    return ExecOutput.of(runtime.exec(spec.id(), spec.stateDir(), container.pid(), exec));
  }

  ExecOutput shell(String script) throws Exception {
    return exec(ExecSpec.of(List.of("sh", "-c", script)));
  }

  @Test
  void exec_joinsEveryNamespaceOfTheContainer() throws Exception {
    List<String> kinds = List.of("pid", "mnt", "uts", "ipc", "net", "cgroup");
    ExecOutput out = shell("for ns in " + String.join(" ", kinds) + "; do readlink /proc/self/ns/$ns; done");
    List<String> expected = kinds.stream().map(ns -> link(container.pid(), ns)).toList();
    assertEquals(expected, out.stdout().lines().toList());
  }

  @Test
  void exec_seesTheContainersProcesses_withItsInitAsPid1() throws Exception {
    ExecOutput out = shell("cat /proc/1/cmdline | tr '\\0' ' '; echo; hostname");
    assertEquals("sleep 1000 \n" + spec.id().substring(0, 12) + "\n", out.stdout());
  }

  @Test
  void exec_isInTheContainersCgroup() throws Exception {
    ExecOutput out = shell("cat /proc/1/cgroup; echo --; cat /proc/self/cgroup");
    String[] halves = out.stdout().split("--\n");
    assertEquals(halves[0], halves[1]);
    ExecProcess sleeper = runtime.exec(spec.id(), spec.stateDir(), container.pid(), ExecSpec.of(List.of("sleep", "1000")));
    for (CgroupDir d : runtime.cgroups().locate(spec.id()).dirs()) {
      assertTrue(Files.readAllLines(d.path().resolve("cgroup.procs")).contains(Long.toString(sleeper.pid())), d.path().toString());
    }
    runtime.kill(sleeper.pid(), 9);
    assertEquals(137, sleeper.discardOutput());
  }

  @Test
  void exec_hasTheContainersCapabilities() throws Exception {
    ExecOutput out = shell("grep -E '^Cap(Bnd|Eff)' /proc/self/status");
    assertEquals("CapEff:\t00000000a80425fb\nCapBnd:\t00000000a80425fb\n", out.stdout());
  }

  @Test
  void exec_asUser_inDir_withEnv() throws Exception {
    ExecOutput out = exec(ExecSpec.of(List.of("sh", "-c", "id -u; id -g; pwd; echo $GREETING; grep CapEff /proc/self/status"))
        .withUser(1000, 1001).withWorkingDir("/tmp").withEnv(List.of("GREETING=hello world", "PATH=/bin")));
    assertEquals("1000\n1001\n/tmp\nhello world\nCapEff:\t0000000000000000\n", out.stdout());
  }

  @Test
  void exec_keepsStdoutAndStderrApart_andReturnsTheExitCode() throws Exception {
    ExecOutput out = shell("echo out; echo err >&2; exit 7");
    assertEquals(new ExecOutput("out\n", "err\n", 7), out);
  }

  @Test
  void exec_killedBySignal_exits128PlusTheSignal() throws Exception {
    assertEquals(143, shell("kill -TERM $$").exitCode());
  }

  @Test
  void exec_unknownCommand_saysWhatFailed() {
    RuntimeSetupException e = assertThrows(RuntimeSetupException.class,
        () -> runtime.exec(spec.id(), spec.stateDir(), container.pid(), ExecSpec.of(List.of("nosuch"))));
    assertTrue(e.getMessage().contains("exec \"nosuch\": No such file or directory"), e.getMessage());
  }

  @Test
  void exec_missingWorkingDir_saysWhichDir() {
    RuntimeSetupException e = assertThrows(RuntimeSetupException.class,
        () -> runtime.exec(spec.id(), spec.stateDir(), container.pid(), ExecSpec.of(List.of("true")).withWorkingDir("/nope")));
    assertTrue(e.getMessage().contains("chdir to /nope in the container: No such file or directory"), e.getMessage());
  }

  @Test
  void containerStops_whileAnExecRuns_nothingIsLeft() throws Exception {
    ExecProcess sleeper = runtime.exec(spec.id(), spec.stateDir(), container.pid(), ExecSpec.of(List.of("sleep", "1000")));
    runtime.kill(container.pid(), 9);
    container.exited().get(30, TimeUnit.SECONDS);
    assertEquals(137, sleeper.discardOutput(), "the exec dies with the container's pid namespace");
    containers.cleanupAndCheck(spec, container);
    assertTrue(ProcessHandle.of(sleeper.pid()).isEmpty(), "exec process " + sleeper.pid() + " is gone");
    assertTrue(Files.list(spec.stateDir()).noneMatch(p -> p.getFileName().toString().startsWith("exec-")), "exec specs are removed");
  }

  @Test
  void exec_afterTheContainerExited_isRefused() throws Exception {
    runtime.kill(container.pid(), 9);
    container.exited().get(30, TimeUnit.SECONDS);
    RuntimeSetupException e = assertThrows(RuntimeSetupException.class,
        () -> runtime.exec(spec.id(), spec.stateDir(), container.pid(), ExecSpec.of(List.of("true"))));
    assertTrue(e.getMessage().contains("is gone"), e.getMessage());
  }

  private static String link(long pid, String ns) {
    try {
      return Files.readSymbolicLink(Path.of("/proc/" + pid + "/ns/" + ns)).toString();
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
