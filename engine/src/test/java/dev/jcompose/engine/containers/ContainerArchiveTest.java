package dev.jcompose.engine.containers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ContainerArchiveTest {
  @TempDir
  Path root;

  @Test
  void absPathKeepsTrailingSlashAndDot_asDocker() {
    assertEquals("/a/b", ContainerArchive.absPath("a/b"));
    assertEquals("/a/b/", ContainerArchive.absPath("/a//b/"));
    assertEquals("/a/b/.", ContainerArchive.absPath("/a/b/."));
    assertEquals("/", ContainerArchive.absPath("/"));
    assertEquals("b", ContainerArchive.baseName("/a/b/"));
    assertEquals(".", ContainerArchive.baseName("/a/b/."));
    assertEquals("/", ContainerArchive.baseName("/"));
  }

  @Test
  void goFileMode() {
    assertEquals((1L << 31) | 0755, ContainerArchive.goFileMode(040755));
    assertEquals((1L << 27) | 0777, ContainerArchive.goFileMode(0120777));
    assertEquals((1L << 23) | 0755, ContainerArchive.goFileMode(0104755));
  }

  @Test
  void tarRenamesTheResolvedBaseToTheRequestedOne() throws Exception {
    Files.createDirectories(root.resolve("real"));
    Files.createSymbolicLink(root.resolve("link"), Path.of("real"));
    assertTrue(ContainerArchive.tarArgv(root, "/link/").contains("--transform=s|^real|link|S"));
    assertTrue(ContainerArchive.tarArgv(root, "/link/.").contains("."));
    assertEquals("link", ContainerArchive.tarArgv(root, "/link").get(ContainerArchive.tarArgv(root, "/link").size() - 1));
  }
}
