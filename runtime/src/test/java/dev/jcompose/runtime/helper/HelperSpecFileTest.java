package dev.jcompose.runtime.helper;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HelperSpecFileTest {
  static final Path C_SOURCE = Path.of("src/main/c/jc-helper.c");

  static HelperSpec sample(List<String> args, List<String> env, List<HelperMount> mounts) {
    return new HelperSpec(
        List.of(Path.of("/img/top"), Path.of("/img/base")),
        Path.of("/st/upper"), Path.of("/st/work"), Path.of("/st/merged"),
        "box", "/app", 1000, 1000, args, env, mounts,
        List.of("/proc/kcore"), List.of("/proc/sys"), 0xa80425fbL, true, true, "2000000004000000",
        Path.of("/st/container-json.log"), Path.of("/st/exit.json"));
  }

  @Test
  void render_writesOneKeyValuePerLine_listsInOrder() {
    String text = HelperSpecFile.render(sample(List.of("sh", "-c", "echo 'a b' = $x"), List.of("A=1", "B=x=y"),
        List.of(new HelperMount("bind", "/host/data", "/data", "ro"), new HelperMount("tmpfs", "tmpfs", "/run", "size=1m"))));
    assertEquals("""
        lower=/img/top
        lower=/img/base
        upper=/st/upper
        work=/st/work
        merged=/st/merged
        hostname=box
        cwd=/app
        uid=1000
        gid=1000
        arg=sh
        arg=-c
        arg=echo 'a b' = $x
        env=A=1
        env=B=x=y
        mount=bind\t/host/data\t/data\tro
        mount=tmpfs\ttmpfs\t/run\tsize=1m
        mask=/proc/kcore
        readonly=/proc/sys
        caps=a80425fb
        netns=1
        init=1
        seccomp=2000000004000000
        log=/st/container-json.log
        exit=/st/exit.json
        """, text);
  }

  @Test
  void render_keepsAnyCharacterButBackslashAndNewline() {
    String text = HelperSpecFile.render(sample(List.of("printf", "tab\there \\ \"q\" é €"), List.of(), List.of()));
    assertTrue(text.contains("arg=tab\there \\\\ \"q\" é €\n"), text);
  }

  @Test
  void render_newlineAndBackslash_areEscapedOnOneLine() {
    String text = HelperSpecFile.render(sample(List.of("sh", "-c", "echo a\necho \\n"), List.of(), List.of()));
    assertTrue(text.contains("arg=echo a\\necho \\\\n\n"), text);
  }

  @Test
  void render_nulInEnv_isRejected() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> HelperSpecFile.render(sample(List.of("true"), List.of("A=x\0y"), List.of())));
    assertTrue(e.getMessage().startsWith("env[0] \"A=x\\0y\" contains a NUL byte"), e.getMessage());
  }

  @Test
  void render_tabInMountTarget_isRejected() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> HelperSpecFile.render(sample(List.of("true"), List.of(), List.of(new HelperMount("bind", "/a", "/b\tc", "")))));
    assertEquals("mounts[0].target \"/b\tc\" contains a tab, which the jc-helper spec uses to separate mount fields", e.getMessage());
  }

  @Test
  void write_isReadableByRootOnly(@TempDir Path dir) throws IOException {
    Path file = dir.resolve("helper.spec");
    Files.writeString(file, "old");
    HelperSpecFile.write(sample(List.of("true"), List.of("SECRET=x"), List.of()), file);
    assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
    assertTrue(Files.readString(file).contains("env=SECRET=x\n"));
  }

  @Test
  void renderExec_writesTargetCgroupIdentityCommandAndCaps() {
    String text = HelperSpecFile.render(new HelperExecSpec(4242,
        List.of(Path.of("/sys/fs/cgroup/memory/jcompose/c1/cgroup.procs"), Path.of("/sys/fs/cgroup/pids/jcompose/c1/cgroup.procs")),
        "/app", 1000, 1001, List.of("sh", "-c", "echo a\necho b"), List.of("A=1"), 0xa80425fbL, "06000000"));
    assertEquals("""
        pid=4242
        cgroup=/sys/fs/cgroup/memory/jcompose/c1/cgroup.procs
        cgroup=/sys/fs/cgroup/pids/jcompose/c1/cgroup.procs
        cwd=/app
        uid=1000
        gid=1001
        arg=sh
        arg=-c
        arg=echo a\\necho b
        env=A=1
        caps=a80425fb
        seccomp=06000000
        """, text);
  }

  @Test
  void execSpec_withoutCommand_isRejected() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> new HelperExecSpec(1, List.of(), "/", 0, 0, List.of(), List.of(), 0, ""));
    assertEquals("the command (args) is empty", e.getMessage());
  }

  @Test
  void keys_agreeWithTheKeyTableOfTheCHelper() throws IOException {
    assertEquals(HelperSpecFile.KEYS, keysInCSource());
  }

  @Test
  void keys_areAllDocumentedInTheCHeaderComment() throws IOException {
    String source = Files.readString(C_SOURCE);
    String header = source.substring(0, source.indexOf("*/"));
    for (String key : HelperSpecFile.KEYS) {
      assertTrue(header.contains(key + "="), "jc-helper.c's header comment does not document " + key + "=");
    }
  }

  /** The strings of {@code spec_keys[]} in jc-helper.c, between its BEGIN and END markers. */
  static List<String> keysInCSource() throws IOException {
    String source = Files.readString(C_SOURCE);
    int begin = source.indexOf("SPEC KEYS BEGIN");
    int end = source.indexOf("SPEC KEYS END");
    assertTrue(begin >= 0 && end > begin, "markers SPEC KEYS BEGIN/END not found in " + C_SOURCE);
    Matcher m = Pattern.compile("\\[K_[A-Z]+\\]\\s*=\\s*\"([a-z]+)\"").matcher(source.substring(begin, end));
    List<String> keys = new ArrayList<>();
    while (m.find()) {
      keys.add(m.group(1));
    }
    return keys;
  }
}
