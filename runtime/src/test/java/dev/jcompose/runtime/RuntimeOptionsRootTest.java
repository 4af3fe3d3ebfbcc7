package dev.jcompose.runtime;

import static dev.jcompose.runtime.RootTestSupport.output;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** read_only, shm_size, sysctls, ulimits, group_add and oom_score_adj, seen from inside the container, as root. */
class RuntimeOptionsRootTest extends BusyboxRootTest {
  static Path etcLayer;

  @BeforeAll
  static void runtimeOptionsSetUp() throws Exception {
    etcLayer = Files.createDirectories(shared.resolve("etc-layer"));
    Files.createDirectories(etcLayer.resolve("etc"));
    Files.writeString(etcLayer.resolve("etc/passwd"), "root:x:0:0:root:/root:/bin/sh\napp:x:1000:1000::/home/app:/bin/sh\n");
    Files.writeString(etcLayer.resolve("etc/group"), "root:x:0:\nwheel:x:10:root\nstaff:x:50:app\napp:x:1000:\naudio:x:29:\n");
  }

  static ContainerSpec with(ContainerSpec spec, RuntimeOptions options) {
    return spec.withRuntimeOptions(options);
  }

  @Test
  void readOnlyRootfs_refusesWritesToRoot_butNotToDevShmOrAVolume() throws Exception {
    Path volume = Files.createTempDirectory(shared, "vol");
    ContainerSpec spec = with(containers.shell("touch /x 2>&1; echo rc=$?; touch /dev/shm/y && echo shm-ok; "
        + "touch /data/z && echo vol-ok; echo hi > /etc/hosts && echo hosts-ok; pwd")
        .withMounts(List.of(MountSpec.bind(volume.toString(), "/data", false),
            MountSpec.bind(Files.writeString(shared.resolve("hosts"), "").toString(), "/etc/hosts", false)))
        .withWorkingDir("/made/by/docker"), RuntimeOptions.DEFAULT.withReadonlyRootfs(true));
    assertEquals(0, containers.run(spec).exitCode());
    String out = output(spec);
    assertTrue(out.contains("Read-only file system"), out);
    assertTrue(out.contains("rc=1\nshm-ok\nvol-ok\nhosts-ok\n/made/by/docker\n"), out);
    assertTrue(Files.exists(volume.resolve("z")));
  }

  @Test
  void shmSize_isTheSizeOfDevShm_defaulting64MiB() throws Exception {
    ContainerSpec big = with(containers.shell("df -k /dev/shm | tail -1"), RuntimeOptions.DEFAULT.withShmSize(256L << 20));
    containers.run(big);
    assertEquals("262144", output(big).trim().split("\\s+")[1], output(big));
    ContainerSpec dflt = containers.shell("df -k /dev/shm | tail -1");
    containers.run(dflt);
    assertEquals("65536", output(dflt).trim().split("\\s+")[1], output(dflt));
  }

  @Test
  void sysctls_areSetInTheContainersNamespaces_notOnTheHost() throws Exception {
    String hostForward = Files.readString(Path.of("/proc/sys/net/ipv4/ip_forward")).trim();
    String hostShmmni = Files.readString(Path.of("/proc/sys/kernel/shmmni")).trim();
    ContainerSpec spec = with(containers.shell("cat /proc/sys/net/ipv4/ip_forward /proc/sys/kernel/shmmni /proc/sys/net/core/somaxconn;"
        + " { echo 0 > /proc/sys/net/ipv4/ip_forward; } 2>/dev/null || echo still-read-only"),
        RuntimeOptions.DEFAULT.withSysctls(Map.of("net.ipv4.ip_forward", hostForward.equals("1") ? "0" : "1",
            "kernel.shmmni", "1234", "net.core.somaxconn", "777")));
    assertEquals(0, containers.run(spec).exitCode());
    assertEquals(List.of(hostForward.equals("1") ? "0" : "1", "1234", "777", "still-read-only"), output(spec).lines().toList());
    assertEquals(hostForward, Files.readString(Path.of("/proc/sys/net/ipv4/ip_forward")).trim(), "the host's value is untouched");
    assertEquals(hostShmmni, Files.readString(Path.of("/proc/sys/kernel/shmmni")).trim());
  }

  @Test
  void sysctl_notNamespaced_isRefusedBeforeAnythingStarts() {
    ContainerSpec spec = with(containers.shell("true"), RuntimeOptions.DEFAULT.withSysctls(Map.of("vm.swappiness", "10")));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> runtime.prepare(spec));
    assertTrue(e.getMessage().contains("sysctl \"vm.swappiness\" is not in a separate kernel namespace"), e.getMessage());
    assertTrue(Files.notExists(spec.stateDir().resolve("upper")), "nothing was created");
  }

  @Test
  void ulimits_areSetBeforeTheCommand_andAnExecGetsThemToo() throws Exception {
    ContainerSpec spec = with(containers.command("sleep", "1000"),
        RuntimeOptions.DEFAULT.withUlimits(List.of(new Ulimit("nofile", 1234, 5678), Ulimit.of("nproc", 300), new Ulimit("core", 0, -1))));
    RunningContainer c = containers.start(spec);
    ExecOutput out = ExecOutput.of(runtime.exec(spec.id(), spec.stateDir(), c.pid(),
        ExecSpec.of(List.of("sh", "-c", "ulimit -n; ulimit -Hn; ulimit -u; grep -E 'open files|processes|core' /proc/1/limits"))));
    List<String> lines = out.stdout().lines().toList();
    assertEquals(List.of("1234", "5678", "300"), lines.subList(0, 3), out.toString());
    assertTrue(lines.get(3).matches("Max core file size\\s+0\\s+unlimited.*"), lines.get(3));
    assertTrue(lines.get(4).matches("Max processes\\s+300\\s+300.*"), lines.get(4));
    assertTrue(lines.get(5).matches("Max open files\\s+1234\\s+5678.*"), lines.get(5));
  }

  @Test
  void ulimit_aboveTheEnginesHardLimit_isRefusedWithTheReason() throws Exception {
    long hard = ProcLimits.parse(Files.readString(Path.of("/proc/self/limits"))).get(7).hard();
    boolean canRaise = Files.readAllLines(Path.of("/proc/self/status")).stream().filter(l -> l.startsWith("CapEff:"))
        .anyMatch(l -> (Long.parseUnsignedLong(l.substring(7).trim(), 16) >>> 24 & 1) == 1);
    org.junit.jupiter.api.Assumptions.assumeTrue(hard > 0 && !canRaise, "the engine can raise its hard limits here");
    ContainerSpec spec = with(containers.shell("true"), RuntimeOptions.DEFAULT.withUlimits(List.of(Ulimit.of("nofile", hard + 1))));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> runtime.prepare(spec));
    assertTrue(e.getMessage().contains("ulimit nofile hard limit " + (hard + 1) + " is above the engine's own hard limit " + hard),
        e.getMessage());
  }

  @Test
  void groups_defaultFromEtcGroup_plusGroupAdd_alsoForExec() throws Exception {
    List<Path> layers = List.of(etcLayer, rootfs);
    List<Integer> gids = UserSpec.additionalGids("app", layers, List.of("audio", "4242"));
    assertEquals(List.of(1000, 50, 29, 4242), gids);
    ContainerSpec spec = with(containers.command("sleep", "1000"), RuntimeOptions.DEFAULT.withAdditionalGids(gids));
    spec = new ContainerSpec(spec.id(), "", layers, spec.stateDir(), spec.args(), spec.env(), "/", 1000, 1000, List.of(),
        Resources.NONE, true, SecurityOptions.DEFAULT, false, spec.runtimeOptions());
    RunningContainer c = containers.start(spec);
    ExecOutput out = ExecOutput.of(runtime.exec(spec.id(), spec.stateDir(), c.pid(),
        ExecSpec.of(List.of("sh", "-c", "id -u; id -G; grep Groups /proc/1/status")).withUser(1000, 1000).withAdditionalGids(gids)));
    assertEquals(List.of("1000", "29 50 1000 4242"), sorted(out.stdout().lines().limit(2).toList()), out.toString());
    assertTrue(out.stdout().lines().toList().get(2).matches("Groups:\\s+29 50 1000 4242\\s*"), out.stdout());
  }

  @Test
  void rootByDefault_getsTheGroupsListingRoot() throws Exception {
    List<Path> layers = List.of(etcLayer, rootfs);
    assertEquals(List.of(0, 10), UserSpec.additionalGids("", layers, List.of()));
    assertEquals(List.of(0), UserSpec.additionalGids("0:0", layers, List.of()), "an explicit group: no implicit supplementary groups");
    ContainerSpec spec = with(containers.shell("id -G"), RuntimeOptions.DEFAULT.withAdditionalGids(List.of(0, 10)));
    containers.run(spec);
    assertEquals("0 10\n", output(spec));
  }

  @Test
  void oomScoreAdj_isWrittenForTheContainer_andItsExecs() throws Exception {
    ContainerSpec spec = with(containers.command("sleep", "1000"), RuntimeOptions.DEFAULT.withOomScoreAdj(500));
    RunningContainer c = containers.start(spec);
    ExecOutput out = ExecOutput.of(runtime.exec(spec.id(), spec.stateDir(), c.pid(),
        ExecSpec.of(List.of("sh", "-c", "cat /proc/1/oom_score_adj /proc/self/oom_score_adj"))));
    assertEquals("500\n500\n", out.stdout());
  }

  private static List<String> sorted(List<String> lines) {
    List<String> out = new ArrayList<>();
    for (String l : lines) {
      List<String> words = new ArrayList<>(List.of(l.split(" ")));
      words.sort((a, b) -> Integer.compare(Integer.parseInt(a), Integer.parseInt(b)));
      out.add(String.join(" ", words));
    }
    return out;
  }
}
