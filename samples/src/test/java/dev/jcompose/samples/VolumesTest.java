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
 * Volumes on the real engine: data survives down + up, goes with down -v, copy-up, read-only
 * mounts, external volumes; and the options of issue #9, proved from inside containers: binds
 * with {@code create_host_path: false}, tmpfs size and mode, volume subpaths, the local driver's
 * {@code driver_opts} (a bind and a tmpfs mounted on the host while used), and a copy-up cut
 * short by an engine that dies (fault injection) being redone whole after a restart.
 */
@Tag("root")
class VolumesTest {
  private static BusyboxEngine engine;
  private static Path state;
  private static JcomposeRunner jc;

  @BeforeAll
  static void engineAndImage() throws Exception {
    engine = BusyboxEngine.start("jcvol-", Map.of());
    state = engine.state();
    jc = engine.jc();
  }

  @AfterAll
  static void stopEngine() throws Exception {
    if (engine != null) {
      engine.close();
    }
  }


  private static Path project(String name, String yaml) throws Exception {
    return engine.project(name, yaml);
  }

  private static String logsEventually(Path dir, String service, String text) throws Exception {
    String logs = "";
    for (int i = 0; i < 50; i++) {
      logs = jc.ok(dir, "logs", "--no-log-prefix", service).stdout();
      if (logs.contains(text)) {
        return logs;
      }
      Thread.sleep(100);
    }
    throw new AssertionError("\"" + text + "\" not in the logs of " + service + ":\n" + logs);
  }

  @Test
  void data_survivesDownAndUp_andGoesWithDownV() throws Exception {
    String yaml = "services:\n  db:\n    image: busybox:latest\n"
        + "    command: [\"sh\", \"-c\", \"echo seen=$$(cat /data/row 2>/dev/null); echo row1 > /data/row; "
        + "trap 'exit 0' TERM; sleep 3600 & wait\"]\n"
        + "    volumes: [\"data:/data\"]\nvolumes:\n  data:\n";
    Path dir = project("keep", yaml);
    try {
      jc.ok(dir, "up", "-d");
      logsEventually(dir, "db", "seen=");
      jc.ok(dir, "down", "-t", "1");
      assertTrue(Files.exists(state.resolve("volumes/keep_data/_data/row")), "down keeps the named volume");
      jc.ok(dir, "up", "-d");
      logsEventually(dir, "db", "seen=row1");
      jc.ok(dir, "down", "-v", "-t", "1");
      assertFalse(Files.exists(state.resolve("volumes/keep_data")), "down -v removes it");
    } finally {
      jc.run(dir, "down", "-v", "-t", "1");
    }
  }

  @Test
  void copyUp_fillsANewVolumeFromTheImage_butNotAUsedOne() throws Exception {
    String yaml = "services:\n  a:\n    image: busybox:latest\n    command: [\"true\"]\n"
        + "    volumes: [\"etc:/etc\"]\nvolumes:\n  etc:\n";
    Path dir = project("copy", yaml);
    try {
      jc.ok(dir, "create");
      jc.ok(dir, "start");
      Path data = state.resolve("volumes/copy_etc/_data");
      for (int i = 0; i < 50 && !Files.exists(data.resolve("passwd")); i++) {
        Thread.sleep(100);
      }
      assertTrue(Files.readString(data.resolve("passwd")).contains("root:x:0:0"), "the image's /etc/passwd was copied up");
      Files.writeString(data.resolve("passwd"), "mine\n");
      Files.delete(data.resolve("group"));
      jc.ok(dir, "up", "-d", "--force-recreate");
      Thread.sleep(500);
      assertEquals("mine\n", Files.readString(data.resolve("passwd")), "a used volume is never overwritten");
      assertFalse(Files.exists(data.resolve("group")), "nor filled again");
    } finally {
      jc.run(dir, "down", "-v", "-t", "1");
    }
  }

  @Test
  void volumesFrom_sharesTheOtherServicesVolumes_readOnlyWhenAsked() throws Exception {
    String yaml = "services:\n  data:\n    image: busybox:latest\n"
        + "    command: [\"sh\", \"-c\", \"echo shared-row > /shared/row; trap 'exit 0' TERM; sleep 3600 & wait\"]\n"
        + "    volumes: [\"shared:/shared\"]\n"
        + "  reader:\n    image: busybox:latest\n    depends_on: [data]\n    volumes_from: [\"data:ro\"]\n"
        + "    command: [\"sh\", \"-c\", \"sleep 1; echo got=$$(cat /shared/row); touch /shared/x 2>/dev/null && echo wrote || echo refused; "
        + "sleep 3600 & wait\"]\n"
        + "volumes:\n  shared:\n";
    Path dir = project("vfrom", yaml);
    try {
      jc.ok(dir, "up", "-d");
      String logs = logsEventually(dir, "reader", "refused");
      assertTrue(logs.contains("got=shared-row"), "the reader sees data's volume: " + logs);
    } finally {
      jc.run(dir, "down", "-v", "-t", "0");
    }
  }

  @Test
  void readOnlyMount_refusesWrites() throws Exception {
    String yaml = "services:\n  r:\n    image: busybox:latest\n"
        + "    command: [\"sh\", \"-c\", \"touch /data/x 2>/dev/null && echo wrote || echo refused; sleep 3600 & wait\"]\n"
        + "    volumes: [\"data:/data:ro\"]\nvolumes:\n  data:\n";
    Path dir = project("ro", yaml);
    try {
      jc.ok(dir, "up", "-d");
      assertTrue(logsEventually(dir, "r", "refused").contains("refused"));
    } finally {
      jc.run(dir, "down", "-v", "-t", "0");
    }
  }

  @Test
  void externalVolume_survivesDownV_andMustExist() throws Exception {
    String yaml = "services:\n  e:\n    image: busybox:latest\n    command: [\"true\"]\n"
        + "    volumes: [\"shared:/s\"]\nvolumes:\n  shared:\n    external: true\n    name: jc-test-external\n";
    Path dir = project("ext", yaml);
    try {
      JcomposeRunner.Result missing = jc.run(dir, "up", "-d");
      assertTrue(missing.exitCode() != 0 && missing.all().contains("external volume \"jc-test-external\" not found"), missing.all());
      Files.writeString(dir.resolve("maker.yaml"), "name: maker\nservices:\n  m:\n    image: busybox:latest\n    command: [\"true\"]\n"
          + "    volumes: [\"v:/v\"]\nvolumes:\n  v:\n    name: jc-test-external\n");
      jc.ok(dir, "-f", "maker.yaml", "create");
      jc.ok(dir, "up", "-d");
      jc.ok(dir, "down", "-v");
      assertTrue(Files.exists(state.resolve("volumes/jc-test-external")), "down -v never removes an external volume");
    } finally {
      jc.run(dir, "down", "-v", "-t", "0");
      jc.run(dir, "-f", "maker.yaml", "down", "-v", "-t", "0");
    }
  }

  /** Runs {@code body} in a project folder holding {@code yaml}; the project goes with its volumes afterwards, even on failure. */
  private static void inProject(String name, String yaml, ProjectBody body) throws Exception {
    Path dir = project(name, yaml);
    try {
      body.run(dir);
    } finally {
      jc.run(dir, "down", "-v", "-t", "0");
    }
  }

  private interface ProjectBody {
    void run(Path dir) throws Exception;
  }

  private static final String SLEEP = "trap 'exit 0' TERM; sleep 3600 & wait";

  @Test
  void bindWithCreateHostPathFalse_missingPath_failsBeforeAnyContainerStarts() throws Exception {
    String yaml = "services:\n"
        + "  first:\n    image: busybox:latest\n    command: [\"sh\", \"-c\", \"" + SLEEP + "\"]\n"
        + "  web:\n    image: busybox:latest\n    depends_on: [first]\n"
        + "    command: [\"sh\", \"-c\", \"echo got=$$(cat /m/hello); ls -d /made && echo made; " + SLEEP + "\"]\n"
        + "    volumes:\n"
        + "      - type: bind\n        source: ./absent\n        target: /m\n        bind:\n          create_host_path: false\n"
        + "      - ./made:/made\n";
    inProject("nocreate", yaml, dir -> {
      JcomposeRunner.Result r = jc.run(dir, "up", "-d");
      Path absent = dir.resolve("absent");
      assertTrue(r.exitCode() != 0, r.all());
      assertTrue(r.all().contains("service \"web\" mounts " + absent + " at /m, but " + absent + " does not exist on this host"
          + " and bind.create_host_path is false"), r.all());
      assertTrue(r.all().contains("create that path first, or set bind.create_host_path: true"), r.all());
      assertFalse(r.all().contains("Exception"), "no stack trace: " + r.all());
      assertEquals("", jc.ok(dir, "ps", "-a", "-q").stdout().strip(), "no container was created, none started");
      assertFalse(Files.exists(absent), "the path was not created");

      Files.createDirectories(absent);
      Files.writeString(absent.resolve("hello"), "from-host\n");
      jc.ok(dir, "up", "-d");
      String logs = logsEventually(dir, "web", "made");
      assertTrue(logs.contains("got=from-host"), logs);
      assertTrue(Files.isDirectory(dir.resolve("made")), "a short-syntax bind still creates its missing source");
    });
  }

  @Test
  void tmpfs_sizeAndMode_asSeenInside() throws Exception {
    String yaml = "services:\n  t:\n    image: busybox:latest\n"
        + "    command: [\"sh\", \"-c\", \"df -k /run /t | tail -n +2; stat -c 'mode %n=%a' /run /t; "
        + "touch /run/x && echo writable; echo done; " + SLEEP + "\"]\n"
        + "    tmpfs: [\"/run:size=8m,mode=1777\"]\n"
        + "    volumes:\n      - type: tmpfs\n        target: /t\n        tmpfs:\n          size: 16m\n          mode: 0700\n";
    inProject("tmpfsopts", yaml, dir -> {
      jc.ok(dir, "up", "-d");
      String logs = logsEventually(dir, "t", "done");
      assertTrue(logs.matches("(?s).*tmpfs\\s+8192\\s+\\d+\\s+\\d+\\s+\\d+%\\s+/run\n.*"), logs);
      assertTrue(logs.matches("(?s).*tmpfs\\s+16384\\s+\\d+\\s+\\d+\\s+\\d+%\\s+/t\n.*"), logs);
      assertTrue(logs.contains("mode /run=1777"), logs);
      assertTrue(logs.contains("mode /t=700"), logs);
      assertTrue(logs.contains("writable"), logs);
    });
  }

  @Test
  void subpath_mountsADirectoryOfTheVolume_refusesMissingAndEscapingOnes() throws Exception {
    String yaml = "services:\n"
        + "  writer:\n    image: busybox:latest\n    volumes: [\"data:/v\"]\n"
        + "    command: [\"sh\", \"-c\", \"mkdir -p /v/sites/a && echo in-sub > /v/sites/a/f && ln -s /etc /v/esc && ln -s .. /v/sites/up\"]\n"
        + "  reader:\n    image: busybox:latest\n"
        + "    command: [\"sh\", \"-c\", \"echo got=$$(cat /s/f); ls /s; " + SLEEP + "\"]\n"
        + "    volumes:\n      - type: volume\n        source: data\n        target: /s\n        volume:\n          subpath: sites/a\n"
        + "  escaper:\n    image: busybox:latest\n    command: [\"true\"]\n"
        + "    volumes:\n      - type: volume\n        source: data\n        target: /s\n        volume:\n          subpath: esc\n"
        + "  climber:\n    image: busybox:latest\n    command: [\"true\"]\n"
        + "    volumes:\n      - type: volume\n        source: data\n        target: /s\n        volume:\n          subpath: sites/up/..\n"
        + "  missing:\n    image: busybox:latest\n    command: [\"true\"]\n"
        + "    volumes:\n      - type: volume\n        source: data\n        target: /s\n        volume:\n          subpath: nope\n"
        + "volumes:\n  data:\n";
    inProject("subpath", yaml, dir -> {
      jc.ok(dir, "up", "-d", "writer");
      for (int i = 0; i < 50 && !Files.isSymbolicLink(state.resolve("volumes/subpath_data/_data/sites/up")); i++) {
        Thread.sleep(100);
      }
      jc.ok(dir, "up", "-d", "reader");
      String logs = logsEventually(dir, "reader", "got=");
      assertTrue(logs.contains("got=in-sub"), logs);
      assertFalse(logs.contains("sites"), "only the subpath is visible: " + logs);

      JcomposeRunner.Result esc = jc.run(dir, "up", "-d", "escaper");
      assertTrue(esc.exitCode() != 0 && esc.all().contains("subpath \"esc\" of volume subpath_data resolves to /etc, outside the volume"),
          esc.all());
      JcomposeRunner.Result climb = jc.run(dir, "up", "-d", "climber");
      assertTrue(climb.exitCode() != 0 && climb.all().contains("must be a relative path within the volume"), climb.all());
      JcomposeRunner.Result missing = jc.run(dir, "up", "-d", "missing");
      assertTrue(missing.exitCode() != 0 && missing.all().contains("subpath \"nope\" does not exist in volume subpath_data"),
          missing.all());
      assertFalse(esc.all().contains("Exception") || missing.all().contains("Exception"), esc.all() + missing.all());
    });
  }

  private static int mountsAt(Path p) throws Exception {
    String real = p.toRealPath().toString();
    return (int) HostLeaks.mountsUnder(p).stream().filter(real::equals).count();
  }

  @Test
  void driverOpts_bindAndTmpfs_mountedWhileUsed_sharedAndUnmountedByTheLast() throws Exception {
    Path device = Files.createDirectories(state.resolve("opts-device"));
    String yaml = "services:\n"
        + "  a:\n    image: busybox:latest\n    volumes: [\"shared:/s\"]\n"
        + "    command: [\"sh\", \"-c\", \"echo from-a > /s/a; " + SLEEP + "\"]\n"
        + "  b:\n    image: busybox:latest\n    volumes: [\"shared:/s\"]\n    command: [\"sh\", \"-c\", \"" + SLEEP + "\"]\n"
        + "  c:\n    image: busybox:latest\n    volumes: [\"fast:/f\"]\n"
        + "    command: [\"sh\", \"-c\", \"df -k /f | tail -n +2; stat -c 'mode=%a' /f; echo done; " + SLEEP + "\"]\n"
        + "volumes:\n"
        + "  shared:\n    driver_opts:\n      type: none\n      device: " + device + "\n      o: bind\n"
        + "  fast:\n    driver_opts:\n      type: tmpfs\n      device: tmpfs\n      o: \"size=4m,mode=0770\"\n";
    Path shared = state.resolve("volumes/opts_shared/_data");
    Path fast = state.resolve("volumes/opts_fast/_data");
    inProject("opts", yaml, dir -> {
      jc.ok(dir, "up", "-d");
      for (int i = 0; i < 50 && !Files.exists(device.resolve("a")); i++) {
        Thread.sleep(100);
      }
      assertEquals("from-a\n", Files.readString(device.resolve("a")), "the container wrote into the bound host directory");
      assertEquals(1, mountsAt(shared));
      assertEquals(1, mountsAt(fast));
      String inspect = jc.ok(dir, "volume", "inspect", "opts_shared").stdout();
      assertTrue(inspect.contains("\"type\"") && inspect.contains("\"none\"") && inspect.contains(device.toString()), inspect);
      String logs = logsEventually(dir, "c", "done");
      assertTrue(logs.matches("(?s).*tmpfs\\s+4096\\s+\\d+\\s+\\d+\\s+\\d+%\\s+/f\n.*"), logs);
      assertTrue(logs.contains("mode=770"), logs);

      jc.ok(dir, "stop", "-t", "0", "a");
      assertEquals(1, mountsAt(shared), "b still uses it");
      jc.ok(dir, "engine", "stop");
      jc.ok(dir, "ps"); // a new engine: b still runs, the mount is taken over, not made again
      assertEquals(1, mountsAt(shared));
      jc.ok(dir, "up", "-d", "a");
      assertEquals(1, mountsAt(shared), "a restarted container shares the mount");
      jc.ok(dir, "stop", "-t", "0", "a", "b", "c");
      assertEquals(0, mountsAt(shared), "unmounted when its last container stopped");
      assertEquals(0, mountsAt(fast));
      jc.ok(dir, "up", "-d");
      assertEquals(1, mountsAt(shared));
      jc.ok(dir, "down", "-v", "-t", "0");
      assertEquals(List.of(), HostLeaks.mountsUnder(state.resolve("volumes")));
      assertFalse(Files.exists(state.resolve("volumes/opts_shared")), "down -v removed the volume");
      assertEquals("from-a\n", Files.readString(device.resolve("a")), "and left the device's data alone");

      jc.ok(dir, "up", "-d");
      assertEquals(1, mountsAt(shared));
      jc.ok(dir, "engine", "reset", "--force"); // the next command starts a new engine
      assertEquals(List.of(), HostLeaks.mountsUnder(state.resolve("volumes")), "engine reset unmounted the volumes");
      assertEquals("from-a\n", Files.readString(device.resolve("a")));
    });
  }

  @Test
  void driverOpts_bad_areRefusedNamingTheVolume() throws Exception {
    String yaml = "services:\n  a:\n    image: busybox:latest\n    volumes: [\"v:/v\"]\n    command: [\"true\"]\n"
        + "volumes:\n  v:\n    driver_opts:\n      type: none\n      device: " + state.resolve("no-such-dir") + "\n      o: bind\n";
    inProject("badopts", yaml, dir -> {
      JcomposeRunner.Result r = jc.run(dir, "up", "-d");
      assertTrue(r.exitCode() != 0 && r.all().contains("create volume badopts_v: the device to bind, " + state.resolve("no-such-dir")
          + ", does not exist"), r.all());
      Files.writeString(dir.resolve("compose.yaml"), yaml.replace("type: none", "type: nosuchfs").replace("o: bind", "o: ro"));
      JcomposeRunner.Result t = jc.run(dir, "up", "-d");
      assertTrue(t.exitCode() != 0 && t.all().contains("create volume badopts_v: unknown filesystem type \"nosuchfs\""), t.all());
      assertEquals("", jc.ok(dir, "ps", "-a", "-q").stdout().strip());
    });
  }

  @Test
  void copyUp_engineKilledHalfway_volumeIsEmptyAfterRestart_andCompleteAfterNextUp() throws Exception {
    try (BusyboxEngine own = BusyboxEngine.start("jcvolcrash-", Map.of())) {
      JcomposeRunner plain = own.jc();
      JcomposeRunner faulty = new JcomposeRunner(own.state(), Map.of("JCOMPOSE_FAULT", "copy-up-halt"));
      Path dir = own.project("crash", "services:\n  a:\n    image: busybox:latest\n    volumes: [\"etc:/etc\"]\n"
          + "    command: [\"sh\", \"-c\", \"echo users=$$(cut -d: -f1 /etc/passwd | tr '\\\\n' ,); " + SLEEP + "\"]\n"
          + "volumes:\n  etc:\n");
      Path volume = own.state().resolve("volumes/crash_etc");
      try {
        plain.ok(dir, "engine", "stop"); // the next engine is started by the faulty CLI, with its environment
        JcomposeRunner.Result r = faulty.run(dir, "up", "-d");
        assertTrue(r.exitCode() != 0, "up fails when the engine dies: " + r.all());
        assertTrue(Files.readString(own.state().resolve("engine.log")).contains("fault injection copy-up-halt"),
            "the engine died in the copy-up");
        assertTrue(Files.exists(volume.resolve("copy-up.incomplete")), "killed halfway: the mark stayed");
        assertTrue(Files.exists(volume.resolve("_data/group")) && !Files.exists(volume.resolve("_data/passwd")),
            "and the volume is partly filled");

        plain.ok(dir, "volume", "ls"); // a new engine, without the fault
        assertFalse(Files.exists(volume.resolve("copy-up.incomplete")));
        try (var s = Files.list(volume.resolve("_data"))) {
          assertEquals(List.of(), s.toList(), "the partial copy was removed at engine start: the volume is as if untouched");
        }
        plain.ok(dir, "up", "-d");
        String logs = "";
        for (int i = 0; i < 50 && !logs.contains("users="); i++) {
          logs = plain.ok(dir, "logs", "--no-log-prefix", "a").stdout();
          Thread.sleep(100);
        }
        assertTrue(logs.contains("users=root,daemon,www-data,nobody,"), logs);
        assertTrue(Files.exists(volume.resolve("_data/passwd")) && Files.exists(volume.resolve("_data/group")), "complete");
        assertFalse(Files.exists(volume.resolve("copy-up.incomplete")));
      } finally {
        plain.run(dir, "down", "-v", "-t", "0");
      }
    }
  }

  @Test
  void driverOpts_copyIntoAStoppedContainer_landsOnTheDevice_andLeavesNoMount() throws Exception {
    Path device = Files.createDirectories(state.resolve("cp-device"));
    Files.writeString(state.resolve("cp-file"), "copied\n");
    String yaml = "services:\n  a:\n    image: busybox:latest\n    volumes: [\"v:/v\"]\n    command: [\"true\"]\n"
        + "volumes:\n  v:\n    driver_opts:\n      type: none\n      device: " + device + "\n      o: bind\n";
    inProject("cpopts", yaml, dir -> {
      jc.ok(dir, "create");
      jc.ok(dir, "cp", state.resolve("cp-file").toString(), "a:/v/f");
      assertEquals("copied\n", Files.readString(device.resolve("f")), "docker cp wrote through the volume's mount");
      assertEquals(List.of(), HostLeaks.mountsUnder(state.resolve("volumes")), "and let it go");
    });
  }
}
