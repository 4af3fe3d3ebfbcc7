package dev.jcompose.engine.containers;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class ProcessArgsTest {
  private static final List<String> IMAGE_EP = List.of("/docker-entrypoint.sh");
  private static final List<String> IMAGE_CMD = List.of("httpd", "-f");

  @Test
  void argv_nothingSet_usesImageEntrypointAndCmd() {
    assertEquals(List.of("/docker-entrypoint.sh", "httpd", "-f"), ProcessArgs.argv(null, null, IMAGE_EP, IMAGE_CMD));
  }

  @Test
  void argv_cmdSet_replacesImageCmdKeepsImageEntrypoint() {
    assertEquals(List.of("/docker-entrypoint.sh", "sh"), ProcessArgs.argv(null, List.of("sh"), IMAGE_EP, IMAGE_CMD));
  }

  @Test
  void argv_entrypointSet_resetsImageCmd() {
    assertEquals(List.of("/bin/sh", "-c"), ProcessArgs.argv(List.of("/bin/sh", "-c"), null, IMAGE_EP, IMAGE_CMD));
  }

  @Test
  void argv_entrypointAndCmdSet_usesBoth() {
    assertEquals(List.of("/bin/sh", "-c", "echo hi"), ProcessArgs.argv(List.of("/bin/sh", "-c"), List.of("echo hi"), IMAGE_EP, IMAGE_CMD));
  }

  @Test
  void argv_emptyEntrypoint_clearsImageEntrypointAndCmd() {
    assertEquals(List.of(), ProcessArgs.argv(List.of(), null, IMAGE_EP, IMAGE_CMD));
    assertEquals(List.of("ls"), ProcessArgs.argv(List.of(), List.of("ls"), IMAGE_EP, IMAGE_CMD));
  }

  @Test
  void argv_emptyCmd_runsEntrypointAlone() {
    assertEquals(List.of("/docker-entrypoint.sh"), ProcessArgs.argv(null, List.of(), IMAGE_EP, IMAGE_CMD));
  }

  @Test
  void argv_imageWithoutEntrypoint() {
    assertEquals(List.of("httpd", "-f"), ProcessArgs.argv(null, null, null, IMAGE_CMD));
    assertEquals(List.of(), ProcessArgs.argv(null, null, null, null));
  }

  @Test
  void env_addsDefaultPathAndHostname() {
    assertEquals(List.of(ProcessArgs.DEFAULT_PATH, "HOSTNAME=abc123"), ProcessArgs.env(null, null, "abc123"));
    assertEquals("PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin", ProcessArgs.DEFAULT_PATH);
  }

  @Test
  void env_imagePathReplacesDefault() {
    List<String> env = ProcessArgs.env(List.of("PATH=/opt/bin:/bin", "LANG=C.UTF-8"), null, "h");
    assertEquals(List.of("PATH=/opt/bin:/bin", "LANG=C.UTF-8", "HOSTNAME=h"), env);
  }

  @Test
  void env_containerOverridesImage_keepingFirstPosition() {
    List<String> env = ProcessArgs.env(List.of("A=image", "B=image"), List.of("B=container", "C=new"), "h");
    assertEquals(List.of(ProcessArgs.DEFAULT_PATH, "A=image", "B=container", "HOSTNAME=h", "C=new"), env);
  }

  @Test
  void env_containerMaySetHostnameAndPath() {
    List<String> env = ProcessArgs.env(null, List.of("HOSTNAME=mine", "PATH=/x"), "h");
    assertEquals(List.of("PATH=/x", "HOSTNAME=mine"), env);
  }

  @Test
  void env_valuesMayContainEqualsAndBeEmpty() {
    List<String> env = ProcessArgs.env(null, List.of("URL=a=b=c", "EMPTY="), "h");
    assertEquals(List.of(ProcessArgs.DEFAULT_PATH, "HOSTNAME=h", "URL=a=b=c", "EMPTY="), env);
  }

  @Test
  void env_entriesWithoutName_areDropped() {
    List<String> env = ProcessArgs.env(null, List.of("=x", "NOEQUALS"), "h");
    assertEquals(List.of(ProcessArgs.DEFAULT_PATH, "HOSTNAME=h"), env);
  }
}
