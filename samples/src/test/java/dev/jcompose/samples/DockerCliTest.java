package dev.jcompose.samples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.jcompose.linux.HostCommand;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The real docker CLI against our engine ({@code DOCKER_HOST=unix://ROOT/engine.sock}): version,
 * {@code run -d}, ps, logs, inspect, stop, and {@code run --rm} without {@code -d} (attach through
 * the hijacked connection, wait for removal, the command's exit code). The CLI is Debian's, taken
 * out of the docker.io package by samples/images/docker-cli.sh (cached, nothing installed); a
 * docker already on the machine (/usr/bin/docker, /usr/local/bin/docker) is tested too. Never
 * pulls: every run says {@code --pull never} and uses the imported busybox image.
 */
@Tag("root")
class DockerCliTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static BusyboxEngine engine;

  @BeforeAll
  static void engineAndImage() throws Exception {
    engine = BusyboxEngine.start("jcdocker-", Map.of());
  }

  @AfterAll
  static void stopEngine() throws Exception {
    if (engine != null) {
      engine.close();
    }
  }

  /** Debian's docker CLI from the package archive, and the machine's own ones. */
  static Stream<Path> dockerClis() {
    List<Path> out = new ArrayList<>();
    Path repo = Path.of(System.getProperty("user.dir")).getParent();
    out.add(Path.of(HostCommand.run(List.of(repo.resolve("samples/images/docker-cli.sh").toString())).stdout().strip()));
    for (String installed : List.of("/usr/bin/docker", "/usr/local/bin/docker")) {
      if (Files.isExecutable(Path.of(installed))) {
        out.add(Path.of(installed));
      }
    }
    return out.stream();
  }

  record Run(int exitCode, String stdout, String stderr) {
    String all() {
      return stdout + stderr;
    }
  }

  @ParameterizedTest
  @MethodSource("dockerClis")
  void dockerCli_versionRunPsLogsInspectStop_runRmAttaches(Path docker) throws Exception {
    String name = "dc-" + Integer.toHexString(docker.toString().hashCode());
    Run version = ok(docker, "version", "--format", "{{.Server.Version}} {{.Server.APIVersion}}");
    assertEquals("0.1.0 1.41", version.stdout().strip(), "docker version against our engine");

    Run run = ok(docker, "run", "-d", "--pull", "never", "--name", name, "busybox",
        "sh", "-c", "echo out-line; echo err-line >&2; trap 'exit 0' TERM; sleep 3600 & wait");
    String id = run.stdout().strip();
    assertTrue(id.matches("[0-9a-f]{64}"), "run -d prints the container id: " + run.all());
    try {
      Run ps = ok(docker, "ps", "--no-trunc");
      assertTrue(ps.stdout().lines().anyMatch(l -> l.startsWith(id) && l.contains(name) && l.contains("Up")), "docker ps:\n" + ps.all());

      Run logs = ok(docker, "logs", name);
      for (int i = 0; i < 50 && !(logs.stdout().contains("out-line") && logs.stderr().contains("err-line")); i++) {
        Thread.sleep(100);
        logs = ok(docker, "logs", name);
      }
      assertEquals("out-line\n", logs.stdout(), "docker logs: stdout on stdout");
      assertEquals("err-line\n", logs.stderr(), "docker logs: stderr on stderr");

      JsonNode inspect = JSON.readTree(ok(docker, "inspect", name).stdout()).get(0);
      assertEquals(id, inspect.get("Id").asText());
      assertEquals("/" + name, inspect.get("Name").asText());
      assertTrue(inspect.at("/State/Running").asBoolean(), "running: " + inspect.get("State"));
      assertEquals("busybox", inspect.at("/Config/Image").asText());

      long t0 = System.nanoTime();
      assertEquals(name, ok(docker, "stop", name).stdout().strip());
      long stopMs = (System.nanoTime() - t0) / 1_000_000;
      assertTrue(stopMs < 8000, "the container traps SIGTERM: stop is quick, took " + stopMs + " ms");
      JsonNode stopped = JSON.readTree(ok(docker, "inspect", name).stdout()).get(0).get("State");
      assertEquals("exited", stopped.get("Status").asText());
      assertEquals(0, stopped.get("ExitCode").asInt());
    } finally {
      docker(docker, "rm", "-f", name);
    }

    // no -d: docker attaches (hijacked connection), waits for condition=removed, starts it
    int before = ok(docker, "ps", "-a", "-q").stdout().lines().toList().size();
    Run rm = docker(docker, "run", "--rm", "--pull", "never", "busybox", "sh", "-c", "echo hello-from-run; echo to-stderr >&2; exit 3");
    assertEquals(3, rm.exitCode(), "docker run exits with the command's code:\n" + rm.all());
    assertEquals("hello-from-run\n", rm.stdout(), "the output is attached:\n" + rm.all());
    assertTrue(rm.stderr().contains("to-stderr"), "stderr is attached too:\n" + rm.all());
    assertEquals(before, ok(docker, "ps", "-a", "-q").stdout().lines().toList().size(), "run --rm removed its container");
    assertFalse(ok(docker, "ps", "-a", "--no-trunc").stdout().contains("hello-from-run"), "no container of run --rm is left");
  }

  private static Run ok(Path docker, String... args) throws Exception {
    Run r = docker(docker, args);
    if (r.exitCode() != 0) {
      throw new AssertionError(docker + " " + String.join(" ", args) + " exited " + r.exitCode() + ":\n" + r.all());
    }
    return r;
  }

  /** Runs the docker CLI against the test's engine; SIGKILL after 60 s (it forwards SIGTERM to the container instead of exiting). */
  private static Run docker(Path docker, String... args) throws Exception {
    List<String> cmd = new ArrayList<>(List.of(docker.toString()));
    cmd.addAll(List.of(args));
    ProcessBuilder pb = new ProcessBuilder(cmd);
    Map<String, String> env = new LinkedHashMap<>();
    env.put("DOCKER_HOST", "unix://" + engine.jc().socket());
    env.put("DOCKER_CONFIG", engine.state().resolve("docker-config").toString()); // never the user's ~/.docker
    env.put("DOCKER_CLI_HINTS", "false");
    pb.environment().putAll(env);
    pb.environment().remove("DOCKER_CONTEXT");
    Path out = Files.createTempFile("docker-out", ".txt");
    Path err = Files.createTempFile("docker-err", ".txt");
    try {
      Process p = pb.redirectOutput(out.toFile()).redirectError(err.toFile()).redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null"))).start();
      if (!p.waitFor(60, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        throw new AssertionError(String.join(" ", cmd) + " did not finish within 60 s; it printed:\n"
            + Files.readString(out, StandardCharsets.UTF_8) + Files.readString(err, StandardCharsets.UTF_8));
      }
      return new Run(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8), Files.readString(err, StandardCharsets.UTF_8));
    } finally {
      Files.deleteIfExists(out);
      Files.deleteIfExists(err);
    }
  }
}
