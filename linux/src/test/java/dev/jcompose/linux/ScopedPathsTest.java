package dev.jcompose.linux;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ScopedPathsTest {
  @TempDir
  Path root;

  @Test
  void linksAreFollowedInsideTheRoot_neverOut() throws Exception {
    Files.createDirectories(root.resolve("etc"));
    Files.createDirectories(root.resolve("a/b"));
    Files.createSymbolicLink(root.resolve("abs"), Path.of("/../../etc"));
    Files.createSymbolicLink(root.resolve("a/rel"), Path.of("../../../../a/b"));
    Files.createSymbolicLink(root.resolve("loop"), Path.of("loop"));
    assertEquals("/etc/passwd", ScopedPaths.resolve(root, "/abs/passwd", true));
    assertEquals("/a/b/x", ScopedPaths.resolve(root, "/a/rel/x", true));
    assertEquals("/abs", ScopedPaths.resolve(root, "/abs", false));
    assertEquals("/etc", ScopedPaths.resolve(root, "/abs", true));
    assertEquals("/", ScopedPaths.resolve(root, "/../..", true));
    assertEquals("/missing/y", ScopedPaths.resolve(root, "/missing/./y", true));
    org.junit.jupiter.api.Assertions.assertThrows(java.io.IOException.class, () -> ScopedPaths.resolve(root, "/loop/x", true));
  }
}
