package dev.jcompose.samples;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** A container's own files (not in a volume) survive stop and start, as in Docker; rm (down) takes them. */
@Tag("root")
class WritableLayerTest {

  @Test
  void filesWrittenInTheContainer_surviveStopStartAndRestart_andGoWithDown() throws Exception {
    try (BusyboxEngine engine = BusyboxEngine.start("jclayer-", Map.of())) {
      JcomposeRunner jc = engine.jc();
      Path dir = engine.project("layer", "services:\n  app:\n    image: busybox:latest\n"
          + "    command: [\"sh\", \"-c\", \"trap 'exit 0' TERM; sleep 3600 & wait\"]\n");
      try {
        jc.ok(dir, "up", "-d");
        jc.ok(dir, "exec", "-T", "app", "sh", "-c", "echo kept > /etc/note");
        jc.ok(dir, "stop");
        jc.ok(dir, "start");
        assertEquals("kept\n", jc.ok(dir, "exec", "-T", "app", "cat", "/etc/note").stdout());
        jc.ok(dir, "restart");
        assertEquals("kept\n", jc.ok(dir, "exec", "-T", "app", "cat", "/etc/note").stdout());
        jc.ok(dir, "down");
        jc.ok(dir, "up", "-d");
        assertEquals(1, jc.run(dir, "exec", "-T", "app", "cat", "/etc/note").exitCode(), "a new container starts from the image");
      } finally {
        jc.run(dir, "down", "-t", "0");
      }
    }
  }
}
