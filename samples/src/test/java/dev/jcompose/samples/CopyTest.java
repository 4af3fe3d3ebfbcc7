package dev.jcompose.samples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jcompose.api.client.EngineClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * {@code jcompose cp} on the real engine, as {@code docker compose cp}: a file out of a running
 * container, a directory (and a directory's contents with "/.") in, a volume's file out of a
 * stopped container, a file into a stopped container, a tar on stdout, a missing path's error; and
 * {@code down} leaves no mount behind.
 */
@Tag("root")
class CopyTest {
  private static BusyboxEngine engine;
  private static JcomposeRunner jc;

  @BeforeAll
  static void engineAndImage() throws Exception {
    engine = BusyboxEngine.start("jccp-", Map.of());
    jc = engine.jc();
  }

  @AfterAll
  static void stopEngine() throws Exception {
    if (engine != null) {
      engine.close();
    }
  }

  @Test
  void copiesOutOf_andInto_runningAndStoppedContainers() throws Exception {
    Path dir = engine.project("cp", "services:\n  app:\n    image: busybox:latest\n"
        + "    command: [\"sh\", \"-c\", \"mkdir -p /data/sub && echo in-volume > /data/sub/v.txt && echo hello > /tmp/greeting;"
        + " trap 'exit 0' TERM; sleep 3600 & wait\"]\n"
        + "    volumes: [\"data:/data\"]\n"
        + "volumes:\n  data: {}\n");
    try {
      jc.ok(dir, "up", "-d");
      waitForFile(dir, "/tmp/greeting");

      // a file out of the running container, to a new name and into a directory
      Path out = Files.createDirectories(dir.resolve("out"));
      jc.ok(dir, "cp", "app:/tmp/greeting", out.resolve("copied.txt").toString());
      assertEquals("hello\n", Files.readString(out.resolve("copied.txt")));
      jc.ok(dir, "cp", "app:/tmp/greeting", out.toString());
      assertEquals("hello\n", Files.readString(out.resolve("greeting")));

      // a directory in: as a new directory, into an existing one, and its contents with /.
      Path src = Files.createDirectories(dir.resolve("src/nested"));
      Files.writeString(dir.resolve("src/top.txt"), "top\n");
      Files.writeString(src.resolve("deep.txt"), "deep\n");
      jc.ok(dir, "cp", dir.resolve("src").toString(), "app:/srv");
      assertEquals("top\ndeep\n", jc.ok(dir, "exec", "app", "cat", "/srv/top.txt", "/srv/nested/deep.txt").stdout());
      jc.ok(dir, "cp", dir.resolve("src").toString(), "app:/srv");
      assertEquals("deep\n", jc.ok(dir, "exec", "app", "cat", "/srv/src/nested/deep.txt").stdout());
      jc.ok(dir, "cp", dir.resolve("src").toString() + "/.", "app:/tmp");
      assertEquals("top\n", jc.ok(dir, "exec", "app", "cat", "/tmp/top.txt").stdout());

      // a volume's file and a directory out of the running container
      jc.ok(dir, "cp", "app:/data/sub", out.resolve("sub").toString());
      assertEquals("in-volume\n", Files.readString(out.resolve("sub/v.txt")));

      // a tar on stdout names the entry by the base name
      JcomposeRunner.Result tar = jc.ok(dir, "cp", "app:/tmp/greeting", "-");
      assertTrue(tar.stdout().startsWith("greeting"), tar.stdout().substring(0, Math.min(100, tar.stdout().length())));

      // a missing path: dockerd's error, non-zero exit
      JcomposeRunner.Result missing = jc.run(dir, "cp", "app:/no/such/file", out.toString());
      assertNotEquals(0, missing.exitCode());
      assertTrue(missing.stderr().contains("Could not find the file /no/such/file in container"), missing.all());

      // a path escaping by a link stays inside the container
      jc.ok(dir, "exec", "app", "ln", "-s", "/../../../../etc", "/tmp/escape");
      jc.ok(dir, "cp", "app:/tmp/escape/passwd", out.resolve("passwd").toString());
      String containerPasswd = jc.ok(dir, "exec", "app", "cat", "/etc/passwd").stdout();
      assertEquals(containerPasswd, Files.readString(out.resolve("passwd")));

      // stopped: out of the image and the volume, and a file in that is there at the next start
      jc.ok(dir, "stop");
      jc.ok(dir, "cp", "app:/etc/passwd", out.resolve("stopped-passwd").toString());
      assertEquals(containerPasswd, Files.readString(out.resolve("stopped-passwd")));
      jc.ok(dir, "cp", "app:/data/sub/v.txt", out.resolve("stopped-v.txt").toString());
      assertEquals("in-volume\n", Files.readString(out.resolve("stopped-v.txt")));
      Files.writeString(dir.resolve("later.txt"), "later\n");
      jc.ok(dir, "cp", dir.resolve("later.txt").toString(), "app:/etc/later.txt");
      assertTrue(HostLeaks.mountsUnder(engine.state()).stream().noneMatch(m -> m.contains("archive-mounts")),
          HostLeaks.mountsUnder(engine.state()).toString());
      jc.ok(dir, "start");
      assertEquals("later\n", jc.ok(dir, "exec", "app", "cat", "/etc/later.txt").stdout());
    } finally {
      jc.run(dir, "down", "-v", "-t", "1");
    }
    assertEquals(java.util.List.of(), HostLeaks.mountsUnder(engine.state()));
  }

  private static void waitForFile(Path dir, String path) throws Exception {
    for (int i = 0; i < 100; i++) {
      if (jc.run(dir, "exec", "app", "test", "-f", path).exitCode() == 0) {
        return;
      }
      Thread.sleep(50);
    }
    throw new AssertionError(path + " did not appear in the container");
  }
}
