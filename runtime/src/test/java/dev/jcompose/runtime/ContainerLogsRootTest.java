package dev.jcompose.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The monitor's json-file log, read back raw and through {@link ContainerLogReader}. */
class ContainerLogsRootTest extends BusyboxRootTest {
  @Test
  void log_isDockerJsonFile_oneObjectPerLine() throws Exception {
    ContainerSpec spec = containers.shell("echo out; echo err >&2");
    containers.run(spec);
    List<String> raw = Files.readAllLines(ContainerFiles.of(spec.stateDir()).logFile());
    ObjectMapper json = new ObjectMapper();
    List<String> streams = new ArrayList<>();
    for (String line : raw) {
      JsonNode n = json.readTree(line);
      assertEquals(Set.of("log", "stream", "time"), Set.copyOf(iterable(n)), line);
      assertTrue(n.get("time").asText().matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{9}Z"), line);
      streams.add(n.get("stream").asText() + ":" + n.get("log").asText());
    }
    assertEquals(Set.of("stdout:out\n", "stderr:err\n"), Set.copyOf(streams));
  }

  @Test
  void log_escapesQuotesControlCharsAndKeepsUnicode() throws Exception {
    ContainerSpec spec = containers.command("printf", "a\"b\\\\c\ttab\u001b[0m é€😀\\n\\377end\\n");
    containers.run(spec);
    List<String> texts = texts(spec);
    assertEquals(List.of("a\"b\\c\ttab\u001b[0m é€😀\n", "\ufffdend\n"), texts);
  }

  @Test
  void log_splitsLongLinesAt16KiB_andWritesAPartialLastLine() throws Exception {
    ContainerSpec spec = containers.shell("head -c 20000 /dev/zero | tr '\\0' x; echo; printf partial");
    containers.run(spec);
    List<String> texts = texts(spec);
    assertEquals(3, texts.size(), texts.toString().length() + " chars");
    assertEquals("x".repeat(16384), texts.get(0));
    assertEquals("x".repeat(20000 - 16384) + "\n", texts.get(1));
    assertEquals("partial", texts.get(2));
  }

  @Test
  void follow_givesLinesAsTheyComeAndEndsWithTheContainer() throws Exception {
    ContainerSpec spec = containers.shell("echo a; sleep 0.3; echo b; sleep 0.3; echo c");
    RunningContainer c = containers.start(spec);
    List<String> seen = new ArrayList<>();
    CompletableFuture<Void> following = CompletableFuture.runAsync(() -> {
      try {
        c.logs().follow(-1, e -> seen.add(e.text()));
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
    });
    following.get(10, TimeUnit.SECONDS);
    assertTrue(Files.exists(ContainerFiles.of(spec.stateDir()).exitFile()), "follow returns once the container has exited");
    c.exited().get(10, TimeUnit.SECONDS);
    assertEquals(List.of("a\n", "b\n", "c\n"), seen);
    containers.cleanupAndCheck(spec, c);
  }

  @Test
  void read_tail_givesTheLastLines() throws Exception {
    ContainerSpec spec = containers.shell("for i in 1 2 3 4 5; do echo $i; done");
    containers.run(spec);
    assertEquals(List.of("4\n", "5\n"), ContainerLogReader.of(spec.stateDir()).read(2).stream().map(LogEntry::text).toList());
  }

  private static List<String> texts(ContainerSpec spec) throws Exception {
    return ContainerLogReader.of(spec.stateDir()).read(-1).stream().map(LogEntry::text).toList();
  }

  private static List<String> iterable(JsonNode n) {
    List<String> names = new ArrayList<>();
    n.fieldNames().forEachRemaining(names::add);
    return names;
  }
}
