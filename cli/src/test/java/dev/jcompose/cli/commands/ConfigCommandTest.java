package dev.jcompose.cli.commands;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jcompose.cli.Main;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code jcompose config}: what each option prints for one small project. */
class ConfigCommandTest {

  @TempDir
  Path dir;

  private Path file;

  @BeforeEach
  void writeProject() throws IOException {
    file = dir.resolve("compose.yaml");
    Files.writeString(file, """
        name: shop
        services:
          web:
            image: nginx:${NGINX_TAG:-1.27}
            ports: ["8080:80"]
            depends_on: [db]
          db:
            image: postgres
            volumes: ["data:/var/lib/postgresql/data"]
          app:
            build: .
          debug:
            image: busybox
            profiles: [debug, tools]
        volumes:
          data: {}
        """);
  }

  private Result run(String... args) {
    StringWriter out = new StringWriter();
    CommandLine cli = Main.commandLine();
    cli.setOut(new PrintWriter(out));
    List<String> all = new ArrayList<>(List.of("-f", file.toString()));
    all.addAll(List.of(args));
    int code = cli.execute(all.toArray(String[]::new));
    return new Result(code, out.toString());
  }

  private record Result(int code, String out) {
  }

  @Test
  void testConfig_yamlByDefault() {
    Result r = run("config");
    assertEquals(0, r.code());
    assertTrue(r.out().startsWith("name: shop\nservices:\n  web:\n    image: nginx:1.27\n"), r.out());
    assertTrue(r.out().contains("      - mode: ingress\n        target: 80\n        published: '8080'\n"), r.out());
    assertTrue(!r.out().contains("debug:"), "a service of an inactive profile is left out: " + r.out());
  }

  @Test
  void testConfig_json() {
    Result r = run("config", "--format", "json");
    assertEquals(0, r.code());
    assertTrue(r.out().startsWith("{\n  \"name\": \"shop\",\n  \"services\": {\n    \"web\": {\n"
        + "      \"image\": \"nginx:1.27\",\n"), r.out());
    assertTrue(r.out().endsWith("}\n"), r.out());
  }

  @Test
  void testConfig_quietPrintsNothing() {
    Result r = run("config", "-q");
    assertEquals(0, r.code());
    assertEquals("", r.out());
  }

  @Test
  void testConfig_lists() {
    assertEquals("web\ndb\napp\n", run("config", "--services").out());
    assertEquals("web\ndb\napp\ndebug\n", run("--profile", "debug", "config", "--services").out());
    assertEquals("data\n", run("config", "--volumes").out());
    assertEquals("debug\ntools\n", run("config", "--profiles").out());
    assertEquals("nginx:1.27\npostgres\nshop-app\n", run("config", "--images").out());
  }

  @Test
  void testConfig_serviceNamesKeepTheirDependencies() {
    assertEquals("web\ndb\n", run("config", "--services", "web").out());
    assertEquals("debug\n", run("config", "--services", "debug").out());
  }

  @Test
  void testConfig_noInterpolate() {
    Result r = run("config", "--no-interpolate");
    assertEquals(0, r.code());
    assertTrue(r.out().contains("image: nginx:${NGINX_TAG:-1.27}"), r.out());
  }

  @Test
  void testConfig_hash() {
    Result all = run("config", "--hash", "*");
    String[] lines = all.out().split("\n");
    assertEquals(3, lines.length, all.out());
    assertTrue(lines[0].matches("web [0-9a-f]{64}"), lines[0]);
    Result one = run("config", "--hash", "db");
    assertEquals(lines[1] + "\n", one.out());
  }

  @Test
  void testConfig_output(@TempDir Path out) throws IOException {
    Path target = out.resolve("config.yaml");
    Result r = run("config", "-o", target.toString());
    assertEquals("", r.out());
    assertTrue(Files.readString(target).startsWith("name: shop\n"));
  }

  @Test
  void testConfig_invalidFileExitsWith15() throws IOException {
    Files.writeString(file, "services:\n  web:\n    image: nginx\n    prots: [\"80\"]\n");
    assertEquals(15, Main.execute("-f", file.toString(), "config", "-q"));
  }

  @Test
  void testConfig_parsesOptions() {
    ConfigCommand c = CommandLine.populateCommand(new ConfigCommand(), "--format", "json", "-q", "--hash", "*");
    assertEquals(ConfigCommand.Format.json, c.format);
    assertTrue(c.quiet);
    assertEquals("*", c.hash);
  }

  /**
   * Every file of docker/awesome-compose ({@code ../shared/corpus}, beside the repository) passes
   * {@code jcompose config -q}, with its sample's {@code .env} beside it; skipped when absent.
   */
  @Test
  void testConfigQuiet_awesomeComposeCorpus(@TempDir Path temp) throws IOException {
    Path corpus = null;
    for (Path d = Path.of("").toAbsolutePath(); d != null && corpus == null; d = d.getParent()) {
      if (Files.isDirectory(d.resolve("shared/corpus/awesome-compose"))) {
        corpus = d.resolve("shared/corpus/awesome-compose");
      }
    }
    org.junit.jupiter.api.Assumptions.assumeTrue(corpus != null,
        "../shared/corpus/awesome-compose is not present beside the repository; skipped");
    List<String> failed = new ArrayList<>();
    int count = 0;
    try (java.util.stream.Stream<Path> files = Files.list(corpus)) {
      for (Path f : files.filter(p -> p.toString().endsWith(".yaml")).sorted().toList()) {
        String name = f.getFileName().toString().replace(".yaml", "");
        Path project = Files.createDirectories(temp.resolve(name));
        Files.copy(f, project.resolve("compose.yaml"));
        if (Files.exists(corpus.resolve(name + ".env"))) {
          Files.copy(corpus.resolve(name + ".env"), project.resolve(".env"));
        }
        count++;
        if (Main.commandLine().execute("-f", project.resolve("compose.yaml").toString(), "config", "-q") != 0) {
          failed.add(name);
        }
      }
    }
    assertTrue(count > 30, "corpus files: " + count);
    assertEquals(List.of(), failed);
  }
}
