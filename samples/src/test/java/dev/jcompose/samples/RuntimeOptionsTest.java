package dev.jcompose.samples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * read_only, shm_size, sysctls, ulimits, group_add and oom_score_adj through the CLI and the
 * engine, checked from inside the container with {@code jcompose exec}, as Docker behaves.
 */
@Tag("root")
class RuntimeOptionsTest {
  private static BusyboxEngine engine;
  private static JcomposeRunner jc;

  @BeforeAll
  static void engineAndImage() throws Exception {
    engine = BusyboxEngine.start("jcrtopts-", Map.of());
    jc = engine.jc();
  }

  @AfterAll
  static void stopEngine() throws Exception {
    if (engine != null) {
      engine.close();
    }
  }

  @Test
  void hardenedService_getsEveryOption_andAnExecToo() throws Exception {
    String hostSomaxconn = Files.readString(Path.of("/proc/sys/net/core/somaxconn")).trim();
    Path dir = engine.project("rtopts", """
        services:
          probe:
            image: busybox:latest
            command: ["sh", "-c", "trap 'exit 0' TERM; sleep 3600 & wait"]
            read_only: true
            shm_size: 128m
            tmpfs: [/scratch]
            sysctls:
              net.core.somaxconn: 777
              kernel.shmmni: "1234"
            ulimits:
              nofile: {soft: 1234, hard: 5678}
              nproc: 300
            group_add: [daemon, "4242"]
            oom_score_adj: 500
        """);
    try {
      JcomposeRunner.Result up = jc.ok(dir, "up", "-d");
      for (String key : List.of("read_only", "shm_size", "sysctls", "ulimits", "group_add", "oom_score_adj")) {
        assertFalse(up.all().contains(key), key + " is acted on, not reported as ignored:\n" + up.all());
      }
      JcomposeRunner.Result out = jc.ok(dir, "exec", "-T", "probe", "sh", "-c",
          "touch /x 2>&1; touch /scratch/ok /dev/shm/ok && echo writable-ok; df -k /dev/shm | tail -1 | awk '{print $2}';"
              + " cat /proc/sys/net/core/somaxconn /proc/sys/kernel/shmmni; ulimit -n; ulimit -Hn; ulimit -u; id -G;"
              + " cat /proc/1/oom_score_adj");
      List<String> lines = out.stdout().lines().toList();
      assertTrue(lines.get(0).contains("Read-only file system"), out.all());
      assertEquals(List.of("writable-ok", "131072", "777", "1234", "1234", "5678", "300", "0 1 4242", "500"),
          lines.subList(1, lines.size()), out.all());
      assertEquals(hostSomaxconn, Files.readString(Path.of("/proc/sys/net/core/somaxconn")).trim(), "the host keeps its value");
    } finally {
      jc.run(dir, "down");
    }
  }

  @Test
  void aSysctlThatIsNotNamespaced_isRefusedNamingIt() throws Exception {
    Path dir = engine.project("rtbad", """
        services:
          probe:
            image: busybox:latest
            command: ["true"]
            sysctls:
              vm.swappiness: 10
        """);
    try {
      JcomposeRunner.Result up = jc.run(dir, "up", "-d");
      assertTrue(up.exitCode() != 0, up.all());
      assertTrue(up.all().contains("sysctl \"vm.swappiness\" is not in a separate kernel namespace"), up.all());
    } finally {
      jc.run(dir, "down");
    }
  }
}
