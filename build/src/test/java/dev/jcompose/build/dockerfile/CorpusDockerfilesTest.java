package dev.jcompose.build.dockerfile;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** Parses every Dockerfile of the shared corpus (read in place, never copied into the project). */
class CorpusDockerfilesTest {
  private static final Path CORPUS = Path.of("/work/shared/corpus");

  @Test
  void everyCorpusDockerfileParses() throws IOException {
    assumeTrue(Files.isDirectory(CORPUS), "no corpus at " + CORPUS + "; skipping");
    List<Path> files;
    try (Stream<Path> walk = Files.walk(CORPUS)) {
      files = walk.filter(Files::isRegularFile)
          .filter(p -> p.getFileName().toString().startsWith("Dockerfile"))
          .sorted()
          .toList();
    }
    assumeFalse(files.isEmpty(), "no files named Dockerfile* under " + CORPUS + "; skipping");
    List<String> failures = new ArrayList<>();
    for (Path f : files) {
      try {
        Dockerfile d = DockerfileParser.parse(f);
        assertFalse(d.stages().isEmpty(), f.toString());
      } catch (DockerfileException e) {
        failures.add(e.getMessage());
      }
    }
    assertTrue(failures.isEmpty(), failures.size() + " of " + files.size() + " corpus Dockerfiles failed:\n"
        + String.join("\n", failures));
  }
}
