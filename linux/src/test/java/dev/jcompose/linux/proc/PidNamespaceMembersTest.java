package dev.jcompose.linux.proc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PidNamespaceMembersTest {
  private static void process(Path proc, long pid, String ns) throws Exception {
    Path dir = Files.createDirectories(proc.resolve(Long.toString(pid)).resolve("ns"));
    Files.createSymbolicLink(dir.resolve("pid"), Path.of(ns));
  }

  @Test
  void of_listsTheProcessesSharingTheInitsNamespace(@TempDir Path proc) throws Exception {
    process(proc, 1, "pid:[4026531836]");
    process(proc, 200, "pid:[4026532999]");
    process(proc, 201, "pid:[4026532999]");
    process(proc, 300, "pid:[4026531836]");
    Files.createDirectories(proc.resolve("self"));
    assertEquals(List.of(200L, 201L), PidNamespaceMembers.of(proc, 200));
  }

  @Test
  void of_goneProcess_isEmpty(@TempDir Path proc) {
    assertEquals(List.of(), PidNamespaceMembers.of(proc, 42));
  }

  @Test
  void of_thisJvm_includesItself() {
    assertTrue(PidNamespaceMembers.of(ProcessHandle.current().pid()).contains(ProcessHandle.current().pid()));
  }
}
