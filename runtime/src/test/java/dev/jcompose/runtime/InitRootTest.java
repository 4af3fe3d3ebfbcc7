package dev.jcompose.runtime;

import static dev.jcompose.runtime.RootTestSupport.output;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jcompose.linux.proc.Signals;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** {@code init: true}: jc-init as the container's PID 1, seen from inside, as root. */
class InitRootTest extends BusyboxRootTest {
  static final int SIGWINCH = 28;

  @Test
  void pid1_isJcInit_nonDumpable_andTheCommandIsItsChild() throws Exception {
    ContainerSpec spec = containers.shell("echo pid=$$ ppid=$PPID; cat /proc/1/comm; tr '\\0' ' ' < /proc/1/cmdline; echo; "
        + "readlink /proc/1/exe || echo exe=hidden").withInit(true);
    assertEquals(0, containers.run(spec).exitCode());
    List<String> lines = output(spec).lines().map(String::strip).toList();
    assertEquals(List.of("pid=2 ppid=1", "jc-init", "jc-init", "exe=hidden"), lines,
        "non-dumpable: the host path of the helper binary is not readable, even by the container's root");
  }

  @Test
  void withoutInit_theCommandIsPid1() throws Exception {
    ContainerSpec spec = containers.shell("echo pid=$$");
    containers.run(spec);
    assertEquals("pid=1\n", output(spec));
  }

  @Test
  void exitCode_passesThrough() throws Exception {
    assertEquals(7, containers.run(containers.shell("exit 7").withInit(true)).exitCode());
  }

  @Test
  void commandKilledBySignal_is128PlusTheSignal() throws Exception {
    ExitStatus status = containers.run(containers.shell("kill -USR1 $$").withInit(true));
    assertEquals(128 + 10, status.exitCode());
    assertEquals(0, status.signal(), "jc-init itself exited normally, as tini does");
  }

  @Test
  void sigtermToTheContainer_stopsASleepPromptly() throws Exception {
    ContainerSpec spec = containers.command("sleep", "1000").withInit(true);
    RunningContainer c = containers.start(spec);
    waitForChildOf(c.pid());
    Instant sent = Instant.now();
    runtime.kill(c.pid(), Signals.SIGTERM);
    ExitStatus status = c.exited().get(10, TimeUnit.SECONDS);
    assertTrue(Duration.between(sent, Instant.now()).compareTo(Duration.ofSeconds(3)) < 0, "stopped within 3 s");
    assertEquals(128 + 15, status.exitCode(), "sleep was killed by the forwarded SIGTERM");
    containers.cleanupAndCheck(spec, c);
  }

  @Test
  void forwardedSignals_reachTheCommand() throws Exception {
    ContainerSpec spec = containers.shell("trap 'echo got HUP' HUP; trap 'echo got WINCH' WINCH; trap 'echo got INT; exit 3' INT; "
        + "echo ready; while :; do sleep 0.1; done").withInit(true);
    RunningContainer c = containers.start(spec);
    waitForChildOf(c.pid());
    waitFor(() -> output(spec).contains("ready"));
    for (int sig : new int[] {Signals.SIGHUP, SIGWINCH}) {
      String before = output(spec);
      runtime.kill(c.pid(), sig);
      waitFor(() -> !output(spec).equals(before));
    }
    runtime.kill(c.pid(), Signals.SIGINT);
    assertEquals(3, c.exited().get(10, TimeUnit.SECONDS).exitCode());
    assertEquals("ready\ngot HUP\ngot WINCH\ngot INT\n", output(spec));
    containers.cleanupAndCheck(spec, c);
  }

  @Test
  void orphans_areReaped() throws Exception {
    // the inner sh exits at once, orphaning its sleep to PID 1; when the sleep exits it must not stay a zombie
    ContainerSpec spec = containers.shell("sh -c 'sleep 0.2 &'; sleep 1; "
        + "grep -l '^State:.Z' /proc/[0-9]*/status || echo no zombies").withInit(true);
    containers.run(spec);
    assertEquals("no zombies\n", output(spec));
  }

  @Test
  void commandNotFound_isASetupError() {
    ContainerSpec spec = containers.command("no-such-command").withInit(true);
    RuntimeSetupException e = org.junit.jupiter.api.Assertions.assertThrows(RuntimeSetupException.class, () -> containers.start(spec));
    assertTrue(e.getMessage().contains("exec \"no-such-command\": No such file or directory"), e.getMessage());
  }

  private static void waitForChildOf(long pid) throws Exception {
    waitFor(() -> Files.exists(Path.of("/proc/" + pid + "/task/" + pid + "/children"))
        && !Files.readString(Path.of("/proc/" + pid + "/task/" + pid + "/children")).isBlank());
  }

  interface Check {
    boolean ok() throws Exception;
  }

  private static void waitFor(Check check) throws Exception {
    Instant deadline = Instant.now().plusSeconds(10);
    while (!check.ok()) {
      assertTrue(Instant.now().isBefore(deadline), "timed out");
      Thread.sleep(20);
    }
  }
}
