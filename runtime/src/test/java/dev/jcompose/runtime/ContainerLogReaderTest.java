package dev.jcompose.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ContainerLogReaderTest {
  private static final String LOG = """
      {"log":"hello\\n","stream":"stdout","time":"2026-11-23T10:00:00.000000001Z"}
      {"log":"oops \\"quoted\\"\\t\\u001b[0m é\\n","stream":"stderr","time":"2026-11-23T10:00:00.5Z"}
      {"log":"no newline","stream":"stdout","time":"2026-11-23T10:00:01.123456789Z"}
      """;

  @TempDir Path dir;

  private ContainerLogReader reader() {
    return new ContainerLogReader(dir.resolve("log.json"), dir.resolve("exit.json"), Duration.ofMillis(10));
  }

  @Test
  void read_parsesEveryEntry() throws IOException {
    Files.writeString(dir.resolve("log.json"), LOG);
    assertEquals(List.of(
        new LogEntry(Instant.parse("2026-11-23T10:00:00.000000001Z"), "stdout", "hello\n"),
        new LogEntry(Instant.parse("2026-11-23T10:00:00.5Z"), "stderr", "oops \"quoted\"\t\u001b[0m é\n"),
        new LogEntry(Instant.parse("2026-11-23T10:00:01.123456789Z"), "stdout", "no newline")), reader().read(-1));
  }

  @Test
  void read_tail_givesTheLastLines() throws IOException {
    Files.writeString(dir.resolve("log.json"), LOG);
    assertEquals(List.of("no newline"), reader().read(1).stream().map(LogEntry::text).toList());
    assertEquals(3, reader().read(10).size());
    assertEquals(0, reader().read(0).size());
  }

  @Test
  void read_ignoresALineStillBeingWritten() throws IOException {
    Files.writeString(dir.resolve("log.json"), LOG + "{\"log\":\"half");
    assertEquals(3, reader().read(-1).size());
  }

  @Test
  void followFrom_givesOnlyWhatFollowsTheOffset_untilFinished() throws Exception {
    Files.writeString(dir.resolve("log.json"), LOG);
    ContainerLogReader reader = reader();
    long offset = reader.size();
    java.util.concurrent.atomic.AtomicBoolean finished = new java.util.concurrent.atomic.AtomicBoolean();
    List<String> seen = new java.util.concurrent.CopyOnWriteArrayList<>();
    CompletableFuture<Void> follow = CompletableFuture.runAsync(() -> {
      try {
        reader.followFrom(offset, finished::get, e -> seen.add(e.text()));
      } catch (IOException | InterruptedException e) {
        throw new IllegalStateException(e);
      }
    });
    Thread.sleep(50);
    Files.writeString(dir.resolve("log.json"), "{\"log\":\"after\\n\",\"stream\":\"stdout\",\"time\":\"2026-11-23T10:00:02Z\"}\n",
        StandardOpenOption.APPEND);
    finished.set(true);
    follow.get(5, TimeUnit.SECONDS);
    assertEquals(List.of("after\n"), seen, "the entries before the offset are not given again; the last one is, though written just before the end");
  }

  @Test
  void followFrom_noLogYet_endsWhenFinished() throws Exception {
    assertEquals(0, reader().size());
    reader().followFrom(0, () -> true, e -> true);
  }

  @Test
  void read_noLogYet_isEmpty() throws IOException {
    assertEquals(List.of(), reader().read(-1));
  }

  @Test
  void read_garbage_isAnError() throws IOException {
    Files.writeString(dir.resolve("log.json"), "{\"x\":1}\n");
    IOException e = assertThrows(IOException.class, () -> reader().read(-1));
    assertEquals("not a json-file log line: {\"x\":1}", e.getMessage());
  }

  @Test
  void follow_givesNewLinesUntilTheContainerExits() throws Exception {
    Path log = dir.resolve("log.json");
    Files.writeString(log, LOG);
    List<String> seen = new ArrayList<>();
    CompletableFuture<Void> following = CompletableFuture.runAsync(() -> {
      try {
        reader().follow(1, e -> seen.add(e.text()));
      } catch (IOException | InterruptedException e) {
        throw new IllegalStateException(e);
      }
    });
    Thread.sleep(50);
    Files.writeString(log, "{\"log\":\"late", StandardOpenOption.APPEND);
    Thread.sleep(50);
    Files.writeString(log, "r\\n\",\"stream\":\"stdout\",\"time\":\"2026-11-23T10:00:02Z\"}\n", StandardOpenOption.APPEND);
    Files.writeString(dir.resolve("exit.json"), "{}");
    following.get(5, TimeUnit.SECONDS);
    assertEquals(List.of("no newline", "later\n"), seen);
  }

  @Test
  void follow_stopsWhenTheSinkSaysSo() throws Exception {
    Files.writeString(dir.resolve("log.json"), LOG);
    List<String> seen = new ArrayList<>();
    reader().follow(-1, e -> seen.add(e.text()) && seen.size() < 2);
    assertEquals(2, seen.size());
  }

  private static String entry(String text) {
    return "{\"log\":\"" + text + "\\n\",\"stream\":\"stdout\",\"time\":\"2026-11-23T10:00:00Z\"}\n";
  }

  /** Follows the whole log in the background, adding each entry's text to {@code seen}. */
  private CompletableFuture<Void> followAll(List<String> seen) {
    return CompletableFuture.runAsync(() -> {
      try {
        reader().follow(-1, e -> seen.add(e.text()));
      } catch (IOException | InterruptedException e) {
        throw new IllegalStateException(e);
      }
    });
  }

  @Test
  void read_rotatedFiles_oldestFirst() throws IOException {
    Files.writeString(dir.resolve("log.json.2"), entry("one") + entry("two"));
    Files.writeString(dir.resolve("log.json.1"), entry("three"));
    Files.writeString(dir.resolve("log.json"), entry("four"));
    assertEquals(List.of("one\n", "two\n", "three\n", "four\n"), reader().read(-1).stream().map(LogEntry::text).toList());
    assertEquals(List.of("three\n", "four\n"), reader().read(2).stream().map(LogEntry::text).toList());
  }

  @Test
  void follow_acrossRotations_losesNoLine() throws Exception {
    Path log = dir.resolve("log.json");
    Files.writeString(log, entry("a"));
    List<String> seen = java.util.Collections.synchronizedList(new ArrayList<>());
    CompletableFuture<Void> following = followAll(seen);
    Thread.sleep(50);
    Files.writeString(log, entry("b"), StandardOpenOption.APPEND);
    // two rotations between two polls of the follower (max-file 3): log -> .1 -> .2
    Files.move(log, dir.resolve("log.json.1"));
    Files.writeString(log, entry("c"));
    Files.move(dir.resolve("log.json.1"), dir.resolve("log.json.2"));
    Files.move(log, dir.resolve("log.json.1"));
    Files.writeString(log, entry("d"));
    Thread.sleep(50);
    Files.writeString(log, entry("e"), StandardOpenOption.APPEND);
    Files.writeString(dir.resolve("exit.json"), "{}");
    following.get(5, TimeUnit.SECONDS);
    assertEquals(List.of("a\n", "b\n", "c\n", "d\n", "e\n"), seen);
  }

  @Test
  void follow_aLogEmptiedInPlace_readsItFromTheStart() throws Exception {
    Path log = dir.resolve("log.json");
    Files.writeString(log, entry("first") + entry("second"));
    List<String> seen = java.util.Collections.synchronizedList(new ArrayList<>());
    CompletableFuture<Void> following = followAll(seen);
    Thread.sleep(50);
    Files.writeString(log, entry("x")); // max-file 1: truncated, then written
    Thread.sleep(50);
    Files.writeString(dir.resolve("exit.json"), "{}");
    following.get(5, TimeUnit.SECONDS);
    assertEquals(List.of("first\n", "second\n", "x\n"), seen);
  }
}
