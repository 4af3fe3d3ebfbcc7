package dev.jcompose.samples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * cpuset, mem_reservation, memswap_limit, devices, logging (json-file rotation) and
 * security_opt seccomp through the CLI and the engine: seen from inside with {@code exec}, on the
 * container's cgroup files, and in {@code logs}.
 */
@Tag("root")
class ResourcesDevicesLoggingTest {
  private static BusyboxEngine engine;
  private static JcomposeRunner jc;

  @BeforeAll
  static void engineAndImage() throws Exception {
    engine = BusyboxEngine.start("jcrdl-", Map.of());
    jc = engine.jc();
  }

  @AfterAll
  static void stopEngine() throws Exception {
    if (engine != null) {
      engine.close();
    }
  }

  /** The container's directory in the v1 memory hierarchy (.../jcompose/ID), if this host has one. */
  private static java.util.Optional<Path> memoryCgroup(String id) throws Exception {
    Path root = Path.of("/sys/fs/cgroup/memory");
    if (!Files.isDirectory(root)) {
      return java.util.Optional.empty();
    }
    try (Stream<Path> dirs = Files.find(root, 6, (p, a) -> a.isDirectory() && p.getFileName().toString().equals(id)
        && p.getParent().getFileName().toString().equals("jcompose"))) {
      return dirs.findFirst();
    }
  }

  @Test
  void limitsDevicesSeccompAndRotation_areApplied() throws Exception {
    Path dir = engine.project("rdl", """
        services:
          probe:
            image: busybox:latest
            command: ["sh", "-c", "i=1; while [ $$i -le 300 ]; do echo line$$i; i=$$((i+1)); done; trap 'exit 0' TERM; sleep 3600 & wait"]
            cpuset: "0"
            mem_limit: 64m
            memswap_limit: 96m
            devices: ["/dev/null:/dev/mynull:rwm"]
            logging:
              options: {max-size: 1k, max-file: "3"}
            security_opt: ["seccomp=nomkdir.json"]
            deploy:
              resources:
                reservations: {memory: 32m}
        """);
    Files.writeString(dir.resolve("nomkdir.json"), """
        {"defaultAction": "SCMP_ACT_ALLOW",
         "syscalls": [{"names": ["mkdir", "mkdirat"], "action": "SCMP_ACT_ERRNO", "errnoRet": 13}]}
        """);
    try {
      JcomposeRunner.Result up = jc.ok(dir, "up", "-d");
      for (String key : List.of("cpuset", "memswap_limit", "devices", "logging", "security_opt", "deploy")) {
        assertFalse(up.all().contains(key + " is not supported"), key + " is acted on, not reported as ignored:\n" + up.all());
      }
      JcomposeRunner.Result out = jc.ok(dir, "exec", "-T", "probe", "sh", "-c",
          "grep '^Cpus_allowed_list:' /proc/self/status; echo hi > /dev/mynull && echo dev-ok; mkdir /tmp/d 2>&1; echo mkdir=$?");
      List<String> lines = out.stdout().lines().toList();
      assertEquals("Cpus_allowed_list:\t0", lines.get(0), out.all());
      assertEquals("dev-ok", lines.get(1), out.all());
      assertTrue(lines.get(2).contains("Permission denied") && lines.get(3).equals("mkdir=1"), "the profile's EACCES: " + out.all());

      String id = jc.ok(dir, "ps", "-q").stdout().strip();
      java.util.Optional<Path> memory = memoryCgroup(id);
      if (memory.isPresent()) {
        assertEquals(Long.toString(32L << 20), Files.readString(memory.get().resolve("memory.soft_limit_in_bytes")).strip());
        if (Files.exists(memory.get().resolve("memory.memsw.limit_in_bytes"))) {
          assertEquals(Long.toString(96L << 20), Files.readString(memory.get().resolve("memory.memsw.limit_in_bytes")).strip());
        } else {
          assertTrue(up.all().contains("Memory limited without swap"), "without swap accounting up says so:\n" + up.all());
        }
      }

      List<String> logged = jc.ok(dir, "logs", "--no-log-prefix", "probe").stdout().lines().toList();
      assertEquals("line300", logged.get(logged.size() - 1), String.join("\n", logged));
      int first = Integer.parseInt(logged.get(0).substring(4));
      assertTrue(first > 200, "max-size 1k, max-file 3 keep the last lines only: first is line" + first);
      for (int i = 0; i < logged.size(); i++) {
        assertEquals("line" + (first + i), logged.get(i), "in order, none lost between the rotated files");
      }
    } finally {
      jc.run(dir, "down");
    }
  }

  @Test
  void anotherLogDriver_isRefusedSayingWhatWorks() throws Exception {
    Path dir = engine.project("rdlbad", """
        services:
          probe:
            image: busybox:latest
            command: ["true"]
            logging:
              driver: syslog
        """);
    try {
      JcomposeRunner.Result up = jc.run(dir, "up", "-d");
      assertTrue(up.exitCode() != 0, up.all());
      assertTrue(up.all().contains("logging driver \"syslog\" is not supported"), up.all());
    } finally {
      jc.run(dir, "down");
    }
  }
}
