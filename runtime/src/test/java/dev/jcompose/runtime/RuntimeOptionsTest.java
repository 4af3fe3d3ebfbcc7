package dev.jcompose.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jcompose.runtime.helper.HelperRlimit;
import dev.jcompose.runtime.helper.HelperSpecFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** RuntimeOptions: validation, and how they reach the helper's spec file (no root needed). */
class RuntimeOptionsTest {
  @TempDir Path dir;

  ContainerSpec spec(RuntimeOptions options) {
    return ContainerSpec.of("c1", List.of(Path.of("/img")), dir.resolve("c1"), List.of("true")).withRuntimeOptions(options);
  }

  String rendered(ContainerSpec spec) {
    return HelperSpecFile.render(HelperSpecs.of(spec, ContainerFiles.of(spec.stateDir())));
  }

  @Test
  void defaults_areDockers_shm64MiB_andNoExtraKeys() {
    String text = rendered(spec(null));
    assertTrue(text.contains("shmsize=67108864\n"), text);
    for (String key : List.of("rootro=", "sysctl=", "rlimit=", "group=", "oomscoreadj=")) {
      assertTrue(!text.contains(key), key + " in " + text);
    }
  }

  @Test
  void render_carriesEveryOption() {
    Map<String, String> sysctls = new LinkedHashMap<>();
    sysctls.put("net.ipv4.ip_forward", "1");
    sysctls.put("kernel.shmmax", "1048576");
    String text = rendered(spec(new RuntimeOptions(true, 1L << 30, sysctls,
        List.of(new Ulimit("nofile", 20000, 40000), new Ulimit("core", 0, -1)), List.of(0, 10, 29), -500)));
    assertTrue(text.contains("""
        rootro=1
        shmsize=1073741824
        sysctl=net/ipv4/ip_forward=1
        sysctl=kernel/shmmax=1048576
        rlimit=7:20000:40000
        rlimit=4:0:18446744073709551615
        group=0
        group=10
        group=29
        oomscoreadj=-500
        """), text);
  }

  @Test
  void sysctl_notNamespaced_isAClearErrorNamingIt() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> rendered(spec(RuntimeOptions.DEFAULT.withSysctls(Map.of("vm.swappiness", "10")))));
    assertEquals("container c1: sysctl \"vm.swappiness\" is not in a separate kernel namespace, so a container cannot set it;"
        + " allowed: net.*, kernel.shm*, kernel.msg*, kernel.sem and fs.mqueue.*", e.getMessage());
  }

  @Test
  void sysctl_namespacedOnes_areAllowed() {
    RuntimeOptions.checkSysctls(Map.of("net.core.somaxconn", "1", "kernel.shmmni", "1", "kernel.msgmax", "1", "kernel.sem", "1 2 3 4",
        "fs.mqueue.msg_max", "10", "kernel.shm_rmid_forced", "1"), true);
    assertThrows(IllegalArgumentException.class, () -> RuntimeOptions.checkSysctls(Map.of("kernel.hostname", "x"), true));
    assertThrows(IllegalArgumentException.class, () -> RuntimeOptions.checkSysctls(Map.of("fs.file-max", "1"), true));
  }

  @Test
  void sysctl_net_withTheHostsNetwork_isRefused() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> rendered(spec(RuntimeOptions.DEFAULT.withSysctls(Map.of("net.ipv4.ip_forward", "1"))).withNewNetwork(false)));
    assertEquals("container c1: sysctl \"net.ipv4.ip_forward\" is not allowed without a network namespace of the container's own"
        + " (network mode host, or another container's)",
        e.getMessage());
    rendered(spec(RuntimeOptions.DEFAULT.withSysctls(Map.of("kernel.shmmax", "1"))).withNewNetwork(false)); // IPC ones stay fine
  }

  @Test
  void sysctl_namesThatAreNotParameters_areRefused() {
    for (String bad : List.of("net", "net..x", "net/ipv4/ip_forward", "net.ipv4.../../x", "")) {
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
          () -> RuntimeOptions.checkSysctls(Map.of(bad, "1"), true), bad);
      assertTrue(e.getMessage().contains("is not a kernel parameter name"), e.getMessage());
    }
  }

  @Test
  void ulimit_validation_asDocker() {
    assertEquals("invalid ulimit type: nofiles (one of [as, core, cpu, data, fsize, locks, memlock, msgqueue, nice, nofile, nproc,"
        + " rss, rtprio, rttime, sigpending, stack])", assertThrows(IllegalArgumentException.class, () -> Ulimit.of("nofiles", 1)).getMessage());
    assertEquals("ulimit nofile: soft limit 20 must be less than or equal to hard limit 10",
        assertThrows(IllegalArgumentException.class, () -> new Ulimit("nofile", 20, 10)).getMessage());
    assertEquals(7, Ulimit.of("nofile", 5).resource());
    assertEquals(-1, new Ulimit("core", -1, -1).hard());
    assertEquals("ulimit nofile is given twice", assertThrows(IllegalArgumentException.class,
        () -> RuntimeOptions.DEFAULT.withUlimits(List.of(Ulimit.of("nofile", 1), Ulimit.of("nofile", 2)))).getMessage());
  }

  @Test
  void ulimit_aboveTheEnginesHardLimit_withoutCapSysResource_saysSo() {
    List<HelperRlimit> own = List.of(new HelperRlimit(6, 100, 100), new HelperRlimit(7, 1024, 20000));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> HostLimits.check("c1", List.of(new Ulimit("nofile", 1024, 40000)), own, false));
    assertEquals("container c1: ulimit nofile hard limit 40000 is above the engine's own hard limit 20000, which it cannot raise"
        + " without CAP_SYS_RESOURCE; ask for at most 20000", e.getMessage());
    HostLimits.check("c1", List.of(new Ulimit("nofile", 1024, 40000)), own, true);
    HostLimits.check("c1", List.of(new Ulimit("nofile", 1024, 20000)), own, false);
  }

  @Test
  void oomScoreAdj_andShmSize_ranges() {
    assertEquals("invalid value 1001, range for oom score adj is [-1000, 1000]",
        assertThrows(IllegalArgumentException.class, () -> RuntimeOptions.DEFAULT.withOomScoreAdj(1001)).getMessage());
    assertThrows(IllegalArgumentException.class, () -> RuntimeOptions.DEFAULT.withShmSize(-1));
    assertEquals(RuntimeOptions.DEFAULT_SHM_SIZE, RuntimeOptions.DEFAULT.effectiveShmSize());
  }

  @Test
  void procLimits_parsesProcPidLimits_andKeepsWhatDiffers() {
    String text = """
        Limit                     Soft Limit           Hard Limit           Units     
        Max cpu time              unlimited            unlimited            seconds   
        Max file size             unlimited            unlimited            bytes     
        Max data size             unlimited            unlimited            bytes     
        Max stack size            8388608              unlimited            bytes     
        Max core file size        0                    unlimited            bytes     
        Max resident set          unlimited            unlimited            bytes     
        Max processes             96365                96365                processes 
        Max open files            1234                 5678                 files     
        """;
    List<HelperRlimit> limits = ProcLimits.parse(text);
    assertEquals(8, limits.size());
    assertEquals(new HelperRlimit(7, 1234, 5678), limits.get(7));
    assertEquals(new HelperRlimit(3, 8388608, -1), limits.get(3));
    List<HelperRlimit> own = new java.util.ArrayList<>(limits);
    own.set(7, new HelperRlimit(7, 20000, 20000));
    assertEquals(List.of(new HelperRlimit(7, 1234, 5678)), ProcLimits.differing(limits, own));
  }

  @Test
  void additionalGids_asRuncAndDocker(@TempDir Path layer) throws Exception {
    Files.createDirectories(layer.resolve("etc"));
    Files.writeString(layer.resolve("etc/passwd"), "root:x:0:0::/root:/bin/sh\napp:x:1000:1000::/home/app:/bin/sh\n");
    Files.writeString(layer.resolve("etc/group"), "root:x:0:\nwheel:x:10:root,app\nstaff:x:50:app\napp:x:1000:\naudio:x:29:\n");
    List<Path> layers = List.of(layer);
    assertEquals(List.of(0, 10), UserSpec.additionalGids(null, layers, List.of()));
    assertEquals(List.of(1000, 10, 50), UserSpec.additionalGids("app", layers, List.of()));
    assertEquals(List.of(1000, 10, 50), UserSpec.additionalGids("1000", layers, List.of()));
    assertEquals(List.of(29), UserSpec.additionalGids("app:audio", layers, List.of()), "an explicit group: no implicit ones");
    assertEquals(List.of(1000, 10, 50, 29, 7), UserSpec.additionalGids("app", layers, List.of("audio", "7", "staff")));
    assertEquals(List.of(4242), UserSpec.additionalGids("4242:4242", layers, List.of()));
    assertEquals("unable to find group nosuch (group_add): no matching entries in the image's /etc/group",
        assertThrows(IllegalArgumentException.class, () -> UserSpec.additionalGids("", layers, List.of("nosuch"))).getMessage());
  }
}
