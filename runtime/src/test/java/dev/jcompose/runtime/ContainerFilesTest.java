package dev.jcompose.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class ContainerFilesTest {
  @Test
  void everyFileIsInTheStateDir() {
    ContainerFiles f = ContainerFiles.of(Path.of("/var/lib/jcompose/containers/x/../x"));
    assertEquals(Path.of("/var/lib/jcompose/containers/x"), f.stateDir());
    assertEquals(Path.of("/var/lib/jcompose/containers/x/container-json.log"), f.logFile());
    assertEquals(Path.of("/var/lib/jcompose/containers/x/exit.json"), f.exitFile());
    assertEquals(Path.of("/var/lib/jcompose/containers/x/helper.spec"), f.specFile());
    assertEquals(f.stateDir(), f.upperDir().getParent());
  }
}
