package dev.jcompose.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** json-file max-size / max-file: the monitor rotates the log, and the reader reads across the files in order, as root. */
class LogRotationRootTest extends BusyboxRootTest {
  static ContainerSpec rotating(ContainerSpec spec, long maxSize, int maxFiles) {
    return spec.withRuntimeOptions(RuntimeOptions.DEFAULT.withLogRotation(maxSize, maxFiles));
  }

  @Test
  void rotation_keepsMaxFiles_eachAtMostMaxSize_andTheLastLinesInOrder() throws Exception {
    ContainerSpec spec = rotating(containers.shell("i=1; while [ $i -le 300 ]; do echo line$i; i=$((i+1)); done"), 1024, 3);
    assertEquals(0, containers.run(spec).exitCode());
    Path log = ContainerFiles.of(spec.stateDir()).logFile();
    for (Path p : List.of(log, Path.of(log + ".1"), Path.of(log + ".2"))) {
      assertTrue(Files.exists(p), p + " exists");
      assertTrue(Files.size(p) <= 1024, p + " is at most max-size: " + Files.size(p));
    }
    assertFalse(Files.exists(Path.of(log + ".3")), "max-file 3 keeps LOG, LOG.1 and LOG.2 only");
    List<String> lines = ContainerLogReader.of(spec.stateDir()).read(-1).stream().map(LogEntry::text).toList();
    int first = Integer.parseInt(lines.get(0).strip().substring(4));
    List<String> expected = new ArrayList<>();
    for (int i = first; i <= 300; i++) {
      expected.add("line" + i + "\n");
    }
    assertEquals(expected, lines, "one unbroken run of lines, ending with the last");
    assertTrue(first > 200, "older lines were rotated away: first kept is " + first);
    assertEquals(List.of("line299\n", "line300\n"), ContainerLogReader.of(spec.stateDir()).read(2).stream().map(LogEntry::text).toList());
  }

  @Test
  void aFollower_seesEveryLineAcrossRotations() throws Exception {
    ContainerSpec spec = rotating(containers.shell("i=1; while [ $i -le 150 ]; do echo line$i; i=$((i+1)); usleep 3000; done"),
        2048, 6);
    RunningContainer c = containers.start(spec);
    List<String> seen = java.util.Collections.synchronizedList(new ArrayList<>());
    CompletableFuture<Void> following = CompletableFuture.runAsync(() -> {
      try {
        ContainerLogReader.of(spec.stateDir()).follow(-1, e -> seen.add(e.text()));
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
    });
    c.exited().get(30, TimeUnit.SECONDS);
    following.get(10, TimeUnit.SECONDS);
    containers.cleanupAndCheck(spec, c);
    List<String> expected = new ArrayList<>();
    for (int i = 1; i <= 150; i++) {
      expected.add("line" + i + "\n");
    }
    assertEquals(expected, seen);
    assertTrue(Files.exists(Path.of(ContainerFiles.of(spec.stateDir()).logFile() + ".3")), "the log was rotated several times");
  }

  @Test
  void maxFileOne_emptiesTheLogInPlace() throws Exception {
    ContainerSpec spec = rotating(containers.shell("i=1; while [ $i -le 100 ]; do echo line$i; i=$((i+1)); done"), 1024, 1);
    assertEquals(0, containers.run(spec).exitCode());
    Path log = ContainerFiles.of(spec.stateDir()).logFile();
    assertFalse(Files.exists(Path.of(log + ".1")));
    assertTrue(Files.size(log) <= 1024);
    List<LogEntry> lines = ContainerLogReader.of(spec.stateDir()).read(-1);
    assertEquals("line100\n", lines.get(lines.size() - 1).text());
  }
}
