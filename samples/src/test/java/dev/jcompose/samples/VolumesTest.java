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

/** Volumes on the real engine: data survives down + up, goes with down -v, copy-up, read-only mounts, external volumes. */
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
}
