package dev.jcompose.runtime.oci;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.jcompose.linux.HostCommand;
import dev.jcompose.linux.proc.MountInfo;
import dev.jcompose.runtime.ContainerRuntime;
import dev.jcompose.runtime.cgroup.CgroupDir;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code jcompose runtime} over a real OCI bundle (busybox-static rootfs, runc's default config.json
 * without a terminal), each command in its own JVM as a user would run it.
 */
@Tag("root")
class OciRuntimeRootTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  @TempDir static Path shared;
  static Path bundle;
  static Path root;
  private final List<String> ids = new ArrayList<>();

  @BeforeAll
  static void bundle() throws IOException {
    Assumptions.assumeTrue((int) Files.getAttribute(Path.of("/proc/self"), "unix:uid") == 0, "needs root (namespaces, mounts, cgroups)");
    Assumptions.assumeTrue(Files.isExecutable(Path.of("/bin/busybox")), "needs /bin/busybox (apt-get install busybox-static)");
    bundle = Files.createDirectories(shared.resolve("bundle"));
    Path rootfs = bundle.resolve("rootfs");
    Path bin = Files.createDirectories(rootfs.resolve("bin"));
    Files.copy(Path.of("/bin/busybox"), bin.resolve("busybox"));
    for (String applet : HostCommand.run(List.of("/bin/busybox", "--list")).stdout().split("\n")) {
      if (!applet.isBlank() && !applet.equals("busybox")) {
        Files.createSymbolicLink(bin.resolve(applet), Path.of("busybox"));
      }
    }
    for (String d : List.of("etc", "tmp", "proc", "sys", "dev", "root")) {
      Files.createDirectories(rootfs.resolve(d));
    }
    root = shared.resolve("state");
  }

  /** runc's default config.json, no terminal, running {@code sh -c script}. */
  static void config(String script) throws IOException {
    String json = OciTranslatorTest.runcDefaultNoTerminal()
        .replaceFirst("\"args\": \\[\\s*\"sh\"\\s*\\]", "\"args\": [\"sh\", \"-c\", " + JSON.writeValueAsString(script) + "]");
    Files.writeString(bundle.resolve("config.json"), json);
  }

  String newId() {
    String id = "jco-" + HexFormat.of().formatHex(randomBytes());
    ids.add(id);
    return id;
  }

  private static byte[] randomBytes() {
    byte[] b = new byte[6];
    ThreadLocalRandom.current().nextBytes(b);
    return b;
  }

  record Result(int code, String stdout, String stderr) {}

  /** {@code java RuntimeCli --root ROOT args...} in the bundle directory. */
  static Result cli(String... args) throws Exception {
    List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-cp", System.getProperty("java.class.path"), RuntimeCli.class.getName(), "--root", root.toString()));
    cmd.addAll(List.of(args));
    Path out = Files.createTempFile(shared, "out", ".txt");
    Path err = Files.createTempFile(shared, "err", ".txt");
    Process p = new ProcessBuilder(cmd).directory(bundle.toFile())
        .redirectOutput(out.toFile()).redirectError(err.toFile()).start();
    assertTrue(p.waitFor(60, TimeUnit.SECONDS), "jcompose runtime " + String.join(" ", args) + " ends");
    return new Result(p.exitValue(), Files.readString(out), Files.readString(err));
  }

  static JsonNode state(String id) throws Exception {
    Result r = cli("state", id);
    assertEquals(0, r.code(), r.stderr());
    return JSON.readTree(r.stdout());
  }

  @AfterEach
  void deleteAll() {
    for (String id : ids) {
      RuntimeCli.run(new String[] {"--root", root.toString(), "delete", "-f", id}, System.out, System.err);
    }
  }

  @Test
  void runPrintsTheOutputAndExitsWithTheContainersStatus() throws Exception {
    config("echo hi; exit 3");
    String id = newId();
    Result r = cli("run", id); // the bundle is the current directory
    assertEquals("hi\n", r.stdout(), r.stderr());
    assertEquals(3, r.code(), r.stderr());
    assertFalse(Files.exists(root.resolve("containers").resolve(id)), "run deletes the container");
    assertNothingLeft(id, List.of());
  }

  @Test
  void createStartStateKillDelete() throws Exception {
    config("echo started; exec sleep 300");
    String id = newId();
    Path pidFile = shared.resolve(id + ".pid");
    Result created = cli("create", "-b", bundle.toString(), "--pid-file", pidFile.toString(), id);
    assertEquals(0, created.code(), created.stderr());
    JsonNode s = state(id);
    assertEquals("created", s.get("status").asText());
    assertEquals(id, s.get("id").asText());
    assertEquals(bundle.toString(), s.get("bundle").asText());
    assertTrue(s.has("ociVersion") && s.has("created"), s.toString());
    long pid = s.get("pid").asLong();
    assertTrue(pid > 0 && RuntimeCli.alive(pid), "the init waits: " + s);
    assertEquals(Long.toString(pid), Files.readString(pidFile), "--pid-file, as runc");
    OciState held = OciState.read(root.resolve("containers").resolve(id));
    assertEquals(0, cli("start", id).code());
    s = state(id);
    assertEquals("running", s.get("status").asText());
    assertEquals(pid, s.get("pid").asLong());
    String nspid = Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"), StandardCharsets.UTF_8).stream()
        .filter(l -> l.startsWith("NSpid:")).findFirst().orElseThrow();
    assertTrue(nspid.matches("NSpid:\\s+" + pid + "\\s+1"), "PID 1 in its pid namespace: " + nspid);
    OciState running = OciState.read(root.resolve("containers").resolve(id));
    Result exec = cli("exec", id, "sh", "-c", "echo $PATH; cat /proc/1/comm; echo oops >&2; exit 7");
    assertEquals(7, exec.code(), exec.stderr());
    assertEquals("/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin\nsleep\n", exec.stdout(), "the config's env; PID 1 is sleep");
    assertEquals("oops\n", exec.stderr());
    Result listed = cli("list", "--format", "json");
    assertTrue(listed.stdout().contains("\"id\":\"" + id + "\""), listed.stdout());
    Result twice = cli("start", id);
    assertEquals(1, twice.code());
    assertTrue(twice.stderr().contains("it is running, not created"), twice.stderr());
    Result busy = cli("delete", id);
    assertEquals(1, busy.code());
    assertTrue(busy.stderr().contains("it is running"), busy.stderr());

    assertEquals(0, cli("kill", id, "KILL").code());
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (!state(id).get("status").asText().equals("stopped") && System.nanoTime() < deadline) {
      Thread.sleep(50);
    }
    assertEquals("stopped", state(id).get("status").asText());
    assertEquals(0, cli("delete", id).code());
    assertFalse(Files.exists(root.resolve("containers").resolve(id)));
    Result gone = cli("state", id);
    assertEquals(1, gone.code());
    assertTrue(gone.stderr().contains("container \"" + id + "\" does not exist"), gone.stderr());
    assertNothingLeft(id, List.of(pid, held.shimPid(), running.monitorPid()));
  }

  @Test
  void deleteOfACreatedContainerAbortsIt() throws Exception {
    config("echo never");
    String id = newId();
    assertEquals(0, cli("create", id).code());
    OciState held = OciState.read(root.resolve("containers").resolve(id));
    assertEquals(0, cli("delete", id).code());
    assertNothingLeft(id, List.of(held.pid(), held.shimPid()));
  }

  @Test
  void killOfACreatedContainerStopsIt() throws Exception {
    config("echo never");
    String id = newId();
    assertEquals(0, cli("create", id).code());
    OciState held = OciState.read(root.resolve("containers").resolve(id));
    assertEquals(0, cli("kill", id, "KILL").code());
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (!state(id).get("status").asText().equals("stopped") && System.nanoTime() < deadline) {
      Thread.sleep(50);
    }
    assertEquals("stopped", state(id).get("status").asText());
    Result start = cli("start", id);
    assertEquals(1, start.code());
    assertTrue(start.stderr().contains("it is stopped, not created; delete it and create it again"), start.stderr());
    assertEquals(0, cli("delete", id).code());
    assertNothingLeft(id, List.of(held.pid(), held.shimPid()));
  }

  @Test
  void aBadConfigIsReportedWithoutCreatingAnything() throws Exception {
    Files.writeString(bundle.resolve("config.json"), OciTranslatorTest.runcDefault()); // terminal: true
    String id = newId();
    Result r = cli("create", id);
    assertEquals(1, r.code());
    assertEquals("jcompose runtime: " + bundle.resolve("config.json") + ": process.terminal is true, but this runtime has no "
        + "terminal support yet; set \"terminal\": false (output then goes to the container's log, and `run` prints it)\n", r.stderr());
    assertFalse(Files.exists(root.resolve("containers").resolve(id)));
  }

  @Test
  void runcRunsTheSameBundleTheSame() throws Exception {
    Assumptions.assumeTrue(Files.isExecutable(Path.of("/usr/sbin/runc")) || Files.isExecutable(Path.of("/usr/bin/runc")), "runc is not installed");
    config("echo hi; exit 3");
    String id = newId();
    Path runcRoot = shared.resolve("runc");
    Process p = new ProcessBuilder("runc", "--root", runcRoot.toString(), "run", "-b", bundle.toString(), id)
        .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null"))).start();
    try {
      assertTrue(p.waitFor(60, TimeUnit.SECONDS));
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
      Assumptions.assumeFalse(p.exitValue() != 3 && !err.isEmpty() && out.isEmpty(), "runc cannot run here: " + err);
      Result ours = cli("run", newId());
      assertEquals(out, ours.stdout());
      assertEquals(p.exitValue(), ours.code());
    } finally {
      p.destroyForcibly();
      new ProcessBuilder("runc", "--root", runcRoot.toString(), "delete", "-f", id).start().waitFor(30, TimeUnit.SECONDS);
    }
  }

  /** No process, cgroup, mount or state of the container is left. */
  static void assertNothingLeft(String id, List<Long> pids) throws Exception {
    for (long pid : pids) {
      if (pid <= 0) {
        continue;
      }
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
      while (RuntimeCli.alive(pid) && System.nanoTime() < deadline) {
        Thread.sleep(20);
      }
      assertFalse(RuntimeCli.alive(pid), "process " + pid + " is gone");
    }
    for (CgroupDir d : new ContainerRuntime(root).cgroups().locate(id).dirs()) {
      assertFalse(Files.exists(d.path()), "cgroup " + d.path() + " is removed");
    }
    assertEquals(List.of(), MountInfo.readSelf().stream().map(MountInfo::mountPoint)
        .filter(m -> m.startsWith(root.toString())).toList(), "no mounts below the state root");
    assertFalse(Files.exists(root.resolve("containers").resolve(id)), "the state dir is removed");
  }
}
