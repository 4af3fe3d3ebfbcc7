package dev.jcompose.samples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jcompose.api.client.EngineClient;
import dev.jcompose.api.model.ContainerInspect;
import dev.jcompose.api.model.ContainerSummary;
import dev.jcompose.linux.HostCommand;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.HttpURLConnection;
import java.net.ServerSocket;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * {@code jcompose run} on the real engine, as Docker Compose's one-off containers behave: the
 * dependencies start, the container is new, labelled one-off and named {@code <project>-<service>-run-<slug>},
 * its output and exit code are the command's; ps hides it unless --all, up leaves it alone, down
 * removes it; --rm, -d, --name, the overrides, Ctrl-C, and the errors. Leaves nothing on the host.
 */
@Tag("root")
class RunCommandTest {
  private static final String SLEEPER = "    image: busybox:latest\n"
      + "    command: [\"sh\", \"-c\", \"trap 'exit 0' TERM; sleep 3600 & wait\"]\n";
  private static BusyboxEngine engine;
  private static JcomposeRunner jc;
  private static EngineClient api;

  @BeforeAll
  static void engineAndImage() throws Exception {
    engine = BusyboxEngine.start("jcrun-", Map.of("RUN_FROM_ENV", "passed"));
    jc = engine.jc();
    api = new EngineClient(jc.socket());
  }

  @AfterAll
  static void stopEngine() throws Exception {
    if (engine != null) {
      engine.close();
    }
  }

  private static String yaml(int port) {
    return "services:\n"
        + "  db:\n" + SLEEPER
        + "    networks:\n      default:\n        aliases: [database]\n"
        + "  app:\n    image: busybox:latest\n    command: [\"echo\", \"service-command\"]\n"
        + "    restart: always\n"
        + "    environment:\n      FROM_FILE: \"yes\"\n"
        + "    ports: [\"127.0.0.1:" + port + ":80\"]\n"
        + "    volumes: [\"/anon\"]\n"
        + "    depends_on: [db]\n";
  }

  @Test
  void foreground_startsDependencies_printsOnlyTheOutput_exitsWithItsCode_andIsAOneOff() throws Exception {
    Path dir = engine.project("runfg", yaml(freePort()));
    List<String> ids = new ArrayList<>();
    List<Long> pids = new ArrayList<>();
    String bridge = null;
    try {
      JcomposeRunner.Result r = jc.run(dir, "run", "app", "sh", "-c", "echo out; echo err >&2; exit 3");
      assertEquals(3, r.exitCode(), r.all());
      assertEquals("out\n", r.stdout(), "stdout is the container's alone; progress goes to stderr");
      assertTrue(r.stderr().contains("err") && r.stderr().contains("runfg-db-1  Started"), r.stderr());
      bridge = api.inspectNetwork("runfg_default").options().get("com.docker.network.bridge.name");
      pids.add(api.inspectContainer("runfg-db-1").state().pid());

      assertEquals("service-command\n", jc.ok(dir, "run", "app").stdout(), "without COMMAND, the service's");
      Files.writeString(dir.resolve(".env"), "FROM_DOTENV=dotenv\n");
      assertEquals("1 passed dotenv yes /tmp 1 unset\n", jc.ok(dir, "run", "-e", "X=1", "-e", "RUN_FROM_ENV", "-e", "FROM_DOTENV",
          "-e", "NOT_SET_ANYWHERE", "-w", "/tmp", "-u", "1", "app", "sh", "-c",
          "echo $X $RUN_FROM_ENV $FROM_DOTENV $FROM_FILE $(pwd) $(id -u) ${NOT_SET_ANYWHERE-unset}").stdout());

      List<ContainerSummary> oneOffs = oneOffs("runfg");
      assertEquals(3, oneOffs.size(), "each run makes a new container");
      for (ContainerSummary c : oneOffs) {
        ids.add(c.id());
        assertTrue(c.name().matches("runfg-app-run-[0-9a-f]{12}"), c.name());
        ContainerInspect i = api.inspectContainer(c.id());
        Map<String, String> labels = i.config().labels();
        assertEquals("True", labels.get("com.docker.compose.oneoff"));
        assertEquals("-1", labels.get("com.docker.compose.container-number"));
        assertEquals("app", labels.get("com.docker.compose.service"));
        assertTrue(labels.get("com.docker.compose.slug").startsWith(c.name().substring(c.name().length() - 12)), labels.toString());
        String restart = i.hostConfig().restartPolicy() == null ? null : i.hostConfig().restartPolicy().name();
        assertTrue(restart == null || restart.isEmpty() || restart.equals("no"), "no restart policy for a one-off: " + restart);
        assertTrue(i.hostConfig().portBindings() == null || i.hostConfig().portBindings().isEmpty(), "no ports without --service-ports");
      }

      String ps = jc.ok(dir, "ps").stdout();
      assertTrue(ps.contains("runfg-db-1") && !ps.contains("-run-"), "ps hides one-offs: " + ps);
      String psAll = jc.ok(dir, "ps", "-a").stdout();
      assertEquals(3, psAll.lines().filter(l -> l.contains("runfg-app-run-")).count(), "ps -a shows them: " + psAll);

      JcomposeRunner.Result database = jc.run(dir, "run", "--no-deps", "app", "nslookup", "database");
      assertTrue(database.stdout().contains("Name:"), "the dependency's alias resolves: " + database.all());
      JcomposeRunner.Result own = jc.run(dir, "run", "--no-deps", "app", "nslookup", "app");
      assertFalse(own.stdout().contains("Name:"), "without --use-aliases no service alias: " + own.all());
      JcomposeRunner.Result aliased = jc.run(dir, "run", "--no-deps", "--use-aliases", "app", "nslookup", "app");
      assertTrue(aliased.stdout().contains("Name:"), "--use-aliases gives the service's name: " + aliased.all());

      int before = oneOffs("runfg").size();
      String up = jc.ok(dir, "up", "-d").all();
      assertTrue(up.contains("runfg-app-1  Started"), up);
      assertFalse(up.contains("-run-") || up.contains("orphan"), "up neither adopts nor warns about one-offs: " + up);
      assertEquals(before, oneOffs("runfg").size(), "up leaves the one-offs alone");
      oneOffs("runfg").forEach(c -> ids.add(c.id()));
      ids.add(api.inspectContainer("runfg-app-1").id());
    } finally {
      JcomposeRunner.Result down = jc.run(dir, "down", "-v", "-t", "1");
      assertEquals(0, down.exitCode(), down.all());
    }
    assertEquals(List.of(), api.listContainers(true, List.of("com.docker.compose.project=runfg")), "down removes the one-offs too");
    assertNoLeaks(bridge, ids, pids);
  }

  @Test
  void rm_detach_name_entrypoint_volume_publish_servicePorts() throws Exception {
    int port = freePort();
    Path dir = engine.project("runopts", yaml(freePort()));
    List<String> ids = new ArrayList<>();
    String bridge = null;
    try {
      jc.ok(dir, "up", "-d", "db");
      bridge = api.inspectNetwork("runopts_default").options().get("com.docker.network.bridge.name");
      long volumes = volumeCount();
      jc.ok(dir, "run", "--rm", "app", "sh", "-c", "echo data > /anon/f");
      assertEquals(List.of(), oneOffs("runopts"), "--rm removes the container");
      assertEquals(volumes, volumeCount(), "--rm removes its anonymous volume");

      jc.ok(dir, "run", "-d", "--rm", "app", "sh", "-c", "echo data > /anon/f; sleep 1");
      for (int i = 0; i < 100 && !oneOffs("runopts").isEmpty(); i++) {
        Thread.sleep(100);
      }
      assertEquals(List.of(), oneOffs("runopts"), "-d --rm: the engine removes the container when it exits (AutoRemove)");
      assertEquals(volumes, volumeCount(), "-d --rm: and its anonymous volume");

      String detached = jc.ok(dir, "run", "-d", "--name", "runopts-job", "app", "sh", "-c", "trap 'exit 0' TERM; sleep 60 & wait").stdout();
      assertTrue(detached.strip().matches("[0-9a-f]{64}"), "-d prints the container id, as Compose: " + detached);
      ContainerInspect job = api.inspectContainer("runopts-job");
      assertEquals(detached.strip(), job.id());
      assertTrue(Boolean.TRUE.equals(job.state().running()));
      ids.add(job.id());

      assertEquals("via-entrypoint\n", jc.ok(dir, "run", "--no-deps", "--entrypoint", "sh -c", "app", "echo via-entrypoint").stdout());
      Files.createDirectories(dir.resolve("data"));
      Files.writeString(dir.resolve("data/f"), "bound\n");
      assertEquals("bound\n", jc.ok(dir, "run", "--no-deps", "-v", "./data:/data:ro", "app", "cat", "/data/f").stdout());
      JcomposeRunner.Result readOnly = jc.run(dir, "run", "--no-deps", "-v", "./data:/data:ro", "app", "touch", "/data/g");
      assertNotEquals(0, readOnly.exitCode(), "ro bind: " + readOnly.all());

      String web = jc.ok(dir, "run", "-d", "--no-deps", "-p", "127.0.0.1:" + port + ":80", "app", "httpd", "-f", "-p", "80", "-h", "/www")
          .stdout().strip();
      ids.add(web);
      assertTrue(eventuallyAnswers(port), "the -p port answers");
      String withServicePorts = jc.ok(dir, "run", "-d", "--no-deps", "--service-ports", "app", "sleep", "30").stdout().strip();
      ids.add(withServicePorts);
      assertTrue(api.inspectContainer(withServicePorts).hostConfig().portBindings().containsKey("80/tcp"), "--service-ports");
      oneOffs("runopts").forEach(c -> ids.add(c.id()));
    } finally {
      JcomposeRunner.Result down = jc.run(dir, "down", "-v", "-t", "1");
      assertEquals(0, down.exitCode(), down.all());
    }
    assertEquals(List.of(), api.listContainers(true, List.of("com.docker.compose.project=runopts")));
    assertNoLeaks(bridge, ids, List.of());
  }

  @Test
  void ctrlC_stopsTheContainer_andExitsWithItsCode() throws Exception {
    Path dir = engine.project("runint", "services:\n  app:\n    image: busybox:latest\n");
    List<String> ids = new ArrayList<>();
    try {
      Path stderr = engine.state().resolve("run-ctrl-c.stderr");
      Process p = start(dir, ProcessBuilder.Redirect.to(stderr.toFile()),
          "run", "--rm", "app", "sh", "-c", "trap 'echo got-term; exit 5' TERM; echo started; sleep 100 & wait");
      BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
      assertEquals("started", out.readLine());
      oneOffs("runint").forEach(c -> ids.add(c.id()));
      HostCommand.run(List.of("kill", "-INT", Long.toString(p.pid())));
      if (!p.waitFor(45, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        List<String> log = Files.exists(engine.state().resolve("engine.log")) ? Files.readAllLines(engine.state().resolve("engine.log")) : List.of();
        throw new AssertionError("run did not end within 45 s after Ctrl-C. Its stderr:\n" + Files.readString(stderr)
            + "\nthe engine log ends with:\n" + String.join("\n", log.subList(Math.max(0, log.size() - 30), log.size())));
      }
      assertEquals("got-term", out.readLine(), "the container's last output is still copied");
      assertEquals(5, p.exitValue(), "the container's exit code");
      assertEquals(List.of(), oneOffs("runint"), "stopped and, with --rm, removed");
    } finally {
      jc.run(dir, "down", "-v", "-t", "1");
    }
    assertNoLeaks(null, ids, List.of());
  }

  @Test
  void errors_nameTheProblem() throws Exception {
    Path dir = engine.project("runerr", "services:\n  app:\n    image: busybox:latest\n  db:\n    image: busybox:latest\n");
    try {
      JcomposeRunner.Result unknown = jc.run(dir, "run", "nope", "true");
      assertEquals(1, unknown.exitCode());
      assertEquals("error: no such service: nope (the project has app, db)\n", unknown.stderr());
      assertTrue(jc.run(dir, "run", "-e", "=x", "app", "true").stderr().startsWith("error: invalid -e \"=x\": write KEY=VALUE"));
      assertTrue(jc.run(dir, "run", "-v", "a:b:c:d", "app", "true").stderr().startsWith("error: invalid -v \"a:b:c:d\": too many colons"));
      assertTrue(jc.run(dir, "run", "-v", "undeclared:/x", "app", "true").stderr()
          .contains("\"undeclared\" is not a volume of this project; declare it under the top-level volumes: key"));
      assertTrue(jc.run(dir, "run", "-p", "80:99999", "app", "true").stderr().startsWith("error: invalid -p \"80:99999\""));
      JcomposeRunner.Result tty = jc.run(dir, "run", "-t", "app", "echo", "ok");
      assertEquals("ok\n", tty.stdout());
      assertTrue(tty.stderr().contains("-t/--tty: jcompose cannot attach a terminal or stdin yet"), tty.stderr());
      JcomposeRunner.Result noTty = jc.run(dir, "run", "-T", "--rm", "app", "echo", "ok");
      assertEquals("", noTty.stderr(), "-T is accepted silently");
    } finally {
      jc.run(dir, "down", "-v", "-t", "1");
    }
    assertEquals(List.of(), api.listContainers(true, List.of("com.docker.compose.project=runerr")));
  }

  private static List<ContainerSummary> oneOffs(String project) {
    return api.listContainers(true, List.of("com.docker.compose.project=" + project, "com.docker.compose.oneoff=True"));
  }

  private static long volumeCount() throws IOException {
    Path volumes = engine.state().resolve("volumes");
    if (!Files.isDirectory(volumes)) {
      return 0;
    }
    try (Stream<Path> s = Files.list(volumes)) {
      return s.count();
    }
  }

  private static void assertNoLeaks(String bridge, List<String> ids, List<Long> pids) throws Exception {
    for (long pid : pids) {
      assertFalse(HostLeaks.alive(pid), "process " + pid + " still runs");
    }
    if (bridge != null) {
      List<String> left = List.of();
      for (int i = 0; i < 50; i++) {
        left = HostLeaks.links(bridge);
        if (left.isEmpty()) {
          break;
        }
        Thread.sleep(100);
      }
      assertEquals(List.of(), left, "the project's bridge is gone");
    }
    for (String id : ids) {
      assertEquals(List.of(), HostLeaks.cgroups(id), "cgroups of " + id);
    }
    List<String> mounts = HostLeaks.mountsUnder(engine.state()).stream().filter(m -> !m.contains("/images/")).toList();
    assertEquals(List.of(), mounts, "mounts left under the state root");
    String allLinks = String.join(",", HostLeaks.links("jc"));
    for (String id : ids) {
      assertFalse(allLinks.contains(id.substring(0, 8)), "a veth of " + id + " is left: " + allLinks);
    }
  }

  /** Starts jcompose as {@link JcomposeRunner} does, but returns the process (to send it signals). */
  private static Process start(Path dir, String... args) throws IOException {
    return start(dir, ProcessBuilder.Redirect.DISCARD, args);
  }

  private static Process start(Path dir, ProcessBuilder.Redirect stderr, String... args) throws IOException {
    Path repo = jc.repo();
    String version = "0.1.0-SNAPSHOT";
    // SIGINT as a terminal delivers it: a test run started in the background (`.ci/run &`) inherits SIGINT
    // ignored, and a JVM started so never sees Ctrl-C (exec keeps ignored signals ignored)
    List<String> cmd = new ArrayList<>(List.of("env", "--default-signal=INT",
        Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
        "-cp", repo.resolve("cli/target/jcompose-cli-" + version + ".jar") + ":" + repo.resolve("cli/target/lib") + "/*",
        "-Djcompose.engine.classpath=" + repo.resolve("engine/target/jcompose-engine-" + version + ".jar") + ":"
            + repo.resolve("engine/target/lib") + "/*",
        "dev.jcompose.cli.Main", "--root", engine.state().toString()));
    cmd.addAll(Arrays.asList(args));
    return new ProcessBuilder(cmd).directory(dir.toFile()).redirectError(stderr).start();
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    }
  }

  private static boolean eventuallyAnswers(int port) throws InterruptedException {
    for (int i = 0; i < 75; i++) {
      try {
        HttpURLConnection c = (HttpURLConnection) new URL("http://127.0.0.1:" + port + "/").openConnection();
        c.setConnectTimeout(1000);
        c.setReadTimeout(2000);
        if (c.getResponseCode() > 0) {
          return true;
        }
      } catch (IOException e) {
        // not yet
      }
      Thread.sleep(200);
    }
    return false;
  }
}
