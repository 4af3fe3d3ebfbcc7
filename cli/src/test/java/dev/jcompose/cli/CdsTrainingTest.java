package dev.jcompose.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class CdsTrainingTest {

  private static long trainingDirs() throws IOException {
    try (Stream<Path> s = Files.list(Path.of(System.getProperty("java.io.tmpdir")))) {
      return s.filter(p -> p.getFileName().toString().startsWith("jcompose-cds-")).count();
    }
  }

  @Test
  void runsEveryPartAndLeavesNothingBehind() throws Exception {
    PrintStream out = System.out;
    PrintStream err = System.err;
    long before = trainingDirs();
    CdsTraining.main(new String[0]);
    assertSame(out, System.out, "stdout restored");
    assertSame(err, System.err, "stderr restored");
    assertEquals(before, trainingDirs(), "its temporary directory is removed");
  }
}
