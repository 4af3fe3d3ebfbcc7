package dev.jcompose.samples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Crash recovery of the engine (issue #10): SIGKILLs the engine at a random point of {@code up -d}
 * of a 20-service stack (two networks, a published port, a named volume, dependencies), lets the
 * next CLI command start a new engine, and runs {@code down} (every other time {@code up -d} first,
 * which must bring all 20 up). Every run must end with the stack removed and nothing left: no
 * bridge or veth (the engine runs in a private network namespace, so every link there is its
 * own), no nftables table, no mount below the state root, no cgroup of any container it made,
 * no process of the stack or of its helpers, no container or network state file.
 *
 * <p>The delays come from a seeded {@link Random}; the seed is printed, and
 * {@code -Djcompose.fault.seed=N} replays a run. {@code -Djcompose.fault.iterations} (default 8)
 * and {@code -Djcompose.fault.seconds} (default 150; no new iteration starts after it) bound it. The
 * kill comes between half a second (the CLI's JVM starting) and 1.1 times a clean {@code up -d}.
 */
@Tag("root")
class FaultInjectionTest {
  private static final int SERVICES = 20;
  /** About when the CLI's first request reaches the engine: a kill before it tests only a restart. */
  private static final long CLI_START_MS = 500;

  @Test
  void engineKilledDuringUp_restartedEngineTakesTheStackDown_nothingLeft() throws Exception {
    long seed = Long.getLong("jcompose.fault.seed", System.nanoTime());
    int iterations = Integer.getInteger("jcompose.fault.iterations", 8);
    long budgetMs = TimeUnit.SECONDS.toMillis(Integer.getInteger("jcompose.fault.seconds", 150));
    System.out.println("FaultInjectionTest: seed " + seed + " (replay with -Djcompose.fault.seed=" + seed + ")");
    Random random = new Random(seed);
    String marker = "jcfault" + Long.toHexString(seed & 0xffffffffL);
    String netnsName = "jcfault-" + ProcessHandle.current().pid();
    org.junit.jupiter.api.Assumptions.assumeTrue(Files.isExecutable(Path.of("/usr/bin/nsenter")), "needs util-linux's nsenter");
    try (PrivateNetns netns = PrivateNetns.create(netnsName);
        BusyboxEngine engine = BusyboxEngine.start("jcfault-", Map.of(), netns.wrapper())) {
      JcomposeRunner jc = engine.jc();
      Path dir = engine.project("stack", stack(marker));
      Set<String> everyContainer = new TreeSet<>();
      long t0 = System.currentTimeMillis();

      // a clean run first: how long up -d takes here sets the range of the kill delays
      long u0 = System.currentTimeMillis();
      jc.ok(dir, "up", "-d");
      long upMs = System.currentTimeMillis() - u0;
      assertEquals(SERVICES, running(jc, dir), "a clean up -d starts all " + SERVICES + " services");
      everyContainer.addAll(containerIds(engine.state()));
      jc.ok(dir, "down", "-t", "5");
      assertNothingLeft(engine.state(), netns, marker, everyContainer, "after a clean up/down");
      System.out.printf("FaultInjectionTest: a clean up -d of %d services took %d ms%n", SERVICES, upMs);

      int done = 0;
      for (int i = 1; i <= iterations && System.currentTimeMillis() - t0 < budgetMs; i++) {
        long delay = CLI_START_MS + (long) (random.nextDouble() * Math.max(0, upMs * 1.1 - CLI_START_MS));
        long it0 = System.currentTimeMillis();
        boolean upAgain = i % 2 == 0;
        String what = "iteration " + i + " (seed " + seed + ", engine killed " + delay + " ms into up -d)";
        CompletableFuture<JcomposeRunner.Result> up = CompletableFuture.supplyAsync(() -> {
          try {
            return jc.run(dir, "up", "-d");
          } catch (Exception e) {
            throw new IllegalStateException(e);
          }
        });
        Thread.sleep(delay);
        long killed = killEngine(engine.state());
        JcomposeRunner.Result first = up.get(200, TimeUnit.SECONDS);
        everyContainer.addAll(containerIds(engine.state()));
        if (upAgain) {
          JcomposeRunner.Result again = jc.run(dir, "up", "-d");
          assertEquals(0, again.exitCode(), what + ": up -d after the restart failed:\n" + again.all() + engineLogTail(engine.state()));
          assertEquals(SERVICES, running(jc, dir), what + ": all services run after the second up -d:\n" + jc.run(dir, "ps", "-a").all());
          everyContainer.addAll(containerIds(engine.state()));
        }
        JcomposeRunner.Result down = jc.run(dir, "down", "-t", "5");
        assertEquals(0, down.exitCode(), what + ": down after the restart failed:\n" + down.all() + engineLogTail(engine.state()));
        assertNothingLeft(engine.state(), netns, marker, everyContainer, what);
        System.out.printf("FaultInjectionTest: %s: pid %d killed, up exited %d, %s; down ok, nothing left (%.1f s)%n",
            what, killed, first.exitCode(), upAgain ? "second up -d started all" : "down at once", (System.currentTimeMillis() - it0) / 1000.0);
        done++;
      }
      System.out.printf("FaultInjectionTest: %d iterations in %.1f s, seed %d%n", done, (System.currentTimeMillis() - t0) / 1000.0, seed);
      assertTrue(done >= Math.min(iterations, 3), "at least 3 iterations within the time budget, got " + done);
    }
  }

  /** 20 services in 5 chains of 4 (depends_on), on two networks; one publishes a port, one mounts a named volume. */
  private static String stack(String marker) {
    StringBuilder y = new StringBuilder("services:\n");
    for (int i = 1; i <= SERVICES; i++) {
      y.append(String.format("  s%02d:%n", i))
          .append("    image: busybox:latest\n")
          // the marker is $0 of the shell: every container's init shows it in its command line
          .append("    command: [\"sh\", \"-c\", \"trap 'exit 0' TERM; sleep 3600 & wait\", \"").append(marker).append("\"]\n");
      if (i > 5) {
        y.append(String.format("    depends_on: [s%02d]%n", i - 5));
      }
      if (i % 3 == 0) {
        y.append("    networks: [default, back]\n");
      }
      if (i == 1) {
        y.append("    ports: [\"127.0.0.1:18081:80\"]\n");
      }
      if (i == 2) {
        y.append("    volumes: [\"data:/data\"]\n");
      }
    }
    y.append("networks:\n  back: {}\nvolumes:\n  data: {}\n");
    return y.toString();
  }

  private static int running(JcomposeRunner jc, Path dir) throws Exception {
    return (int) jc.ok(dir, "ps", "-q", "--status", "running").stdout().lines().filter(l -> !l.isBlank()).count();
  }

  /** SIGKILLs the engine of {@code state} (its engine.pid, checked to be that engine) and waits until it is gone. */
  private static long killEngine(Path state) throws Exception {
    Path pidFile = state.resolve("engine.pid");
    long pid = Long.parseLong(Files.readString(pidFile).strip());
    ProcessHandle engine = ProcessHandle.of(pid).orElseThrow(() -> new AssertionError("engine pid " + pid + " is not running"));
    String cmd = String.join(" ", engine.info().arguments().orElse(new String[0]));
    assertTrue(cmd.contains("dev.jcompose.engine.EngineMain") && cmd.contains(state.toString()),
        "pid " + pid + " in " + pidFile + " is not this test's engine: " + cmd);
    engine.destroyForcibly(); // SIGKILL
    engine.onExit().get(10, TimeUnit.SECONDS);
    return pid;
  }

  private static List<String> containerIds(Path state) throws Exception {
    Path dir = state.resolve("containers");
    if (!Files.isDirectory(dir)) {
      return List.of();
    }
    try (Stream<Path> s = Files.list(dir)) {
      return s.map(p -> p.getFileName().toString()).toList();
    }
  }

  /** Polls up to 5 s (the kernel removes a dead namespace's veths and cgroups a little late), then asserts. */
  private static void assertNothingLeft(Path state, PrivateNetns netns, String marker, Set<String> ids, String when) throws Exception {
    List<String> left = List.of();
    for (int attempt = 0; attempt < 50; attempt++) {
      left = leftovers(state, netns, marker, ids);
      if (left.isEmpty()) {
        return;
      }
      Thread.sleep(100);
    }
    throw new AssertionError(when + ": left behind:\n  " + String.join("\n  ", left) + engineLogTail(state));
  }

  private static List<String> leftovers(Path state, PrivateNetns netns, String marker, Set<String> ids) throws Exception {
    List<String> left = new ArrayList<>();
    netns.links().forEach(l -> left.add("link " + l));
    netns.nftTables().forEach(t -> left.add("nft " + t));
    HostLeaks.mountsUnder(state).forEach(m -> left.add("mount " + m));
    HostLeaks.cgroupsOf(ids).forEach(c -> left.add("cgroup " + c));
    HostLeaks.processesMentioning(marker).forEach(p -> left.add("container process " + p));
    HostLeaks.processesMentioning(state.resolve("containers").toString()).forEach(p -> left.add("helper process " + p));
    HostLeaks.stateEntries(state).forEach(f -> left.add("state " + f));
    return left;
  }

  private static String engineLogTail(Path state) {
    try {
      List<String> lines = Files.readAllLines(state.resolve("engine.log"));
      return "\nengine.log ends with:\n" + String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
    } catch (Exception e) {
      return "";
    }
  }
}
