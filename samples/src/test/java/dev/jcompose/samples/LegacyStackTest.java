package dev.jcompose.samples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jcompose.api.client.EngineClient;
import dev.jcompose.api.model.ContainerInspect;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * samples/legacy-stack end to end: PostgreSQL (its own built image, data in a named volume), a
 * one-off {@code migrate} that seeds rows, an {@code app} that waits for it
 * ({@code service_completed_successfully}) and reads the rows through the link alias
 * {@code database}, a {@code sidecar} in app's network namespace ({@code network_mode: service:app})
 * answering on a port published by app, and {@code jcompose run --rm backup}
 * ({@code volumes_from: [db:ro]}) writing a pg_dump to ./backups. {@code down} + {@code up} keeps
 * the data (the migration runs again and changes nothing but its log); {@code down -v} removes
 * it; nothing is left on the host. Needs root and Debian's package archive (about a minute and a
 * half; the first run on a machine also makes the base tarball). Prints the cold build time and
 * the time from {@code up -d} to the first answer.
 */
@Tag("root")
class LegacyStackTest {
  private static final String VOLUME = "legacy-stack_pgdata";
  private static final List<String> ROWS = List.of(
      "  1 volumes_from", "  2 network_mode: service:app", "  3 links: [db:database]", "  4 service_completed_successfully");

  @Test
  void legacyFeatures_migrationBeforeApp_backup_dataSurvivesDownUp() throws Exception {
    int appPort = DebianSample.freePort();
    int sidecarPort = DebianSample.freePort();
    String app = "http://127.0.0.1:" + appPort + "/";
    String sidecar = "http://127.0.0.1:" + sidecarPort + "/metrics";
    Map<String, String> env = Map.of("LEGACY_PORT", Integer.toString(appPort), "LEGACY_SIDECAR_PORT", Integer.toString(sidecarPort));
    try (DebianSample s = DebianSample.start("jcls-", "legacy-stack", env)) {
      long t0 = System.nanoTime();
      String buildLog = s.ok("build").all();
      long buildMs = (System.nanoTime() - t0) / 1_000_000;
      assertTrue(buildLog.contains("Service db built: jc-sample/legacy-db:latest"), DebianSample.tail(buildLog));
      assertTrue(buildLog.contains("Service app built: jc-sample/legacy-app:latest"), DebianSample.tail(buildLog));

      t0 = System.nanoTime();
      JcomposeRunner.Result up = s.ok("up", "-d");
      String page = DebianSample.awaitOk(app);
      long upMs = (System.nanoTime() - t0) / 1_000_000;
      System.out.printf("legacy-stack: cold build %.1f s; up -d until the app first answers %.1f s%n", buildMs / 1000.0, upMs / 1000.0);
      assertFalse(up.all().contains("Building"), "the images were built: up builds nothing:\n" + DebianSample.tail(up.all()));
      assertTrue(up.stdout().contains("legacy-stack-db-1  Healthy"), "migrate waits for db's healthcheck:\n" + DebianSample.tail(up.all()));
      assertPage(page, 1);

      // migrate ran once, exited 0, and app started only after it had exited
      EngineClient engine = new EngineClient(s.jc().socket());
      ContainerInspect migrate = engine.inspectContainer(id(s, "migrate"));
      ContainerInspect appC = engine.inspectContainer(id(s, "app"));
      assertEquals("exited", migrate.state().status(), "migrate is a one-off");
      assertEquals(0, migrate.state().exitCode(), "migrate succeeded");
      assertTrue(Instant.parse(appC.state().startedAt()).isAfter(Instant.parse(migrate.state().finishedAt())),
          "app started (" + appC.state().startedAt() + ") after migrate exited (" + migrate.state().finishedAt() + ")");
      assertEquals(List.of("db:database"), aliases(appC.hostConfig().links()), "app's link alias: " + appC.hostConfig().links());

      // the sidecar lives in app's network namespace: reached on app's published port, it reaches app on 127.0.0.1
      ContainerInspect sc = engine.inspectContainer(id(s, "sidecar"));
      assertEquals("container:" + appC.id(), sc.hostConfig().networkMode(), "network_mode: service:app");
      String metrics = DebianSample.awaitOk(sidecar);
      assertTrue(metrics.contains("app_up 1"), "the sidecar reaches app on its loopback:\n" + metrics);

      // run --rm backup: volumes_from db:ro, pg_dump over db's socket into ./backups
      JcomposeRunner.Result backup = s.ok("run", "--rm", "backup");
      assertTrue(backup.stdout().contains("jc-backup: wrote /backups/legacy-"), backup.all());
      List<Path> dumps = dumps(s.project().resolve("backups"));
      assertEquals(1, dumps.size(), "one backup file: " + dumps);
      String dump = Files.readString(dumps.get(0));
      assertTrue(dump.contains("COPY public.items") && dump.contains("network_mode: service:app"), "the dump has the rows:\n" + DebianSample.tail(dump));
      assertFalse(s.ok("ps", "-a").stdout().contains("backup"), "run --rm removed its container");

      String bridge = s.bridge("legacy-stack_default");
      List<String> stackLinks = HostLeaks.linksOfBridge(bridge);
      List<String> allIds = DebianSample.lines(s.ok("ps", "-a", "-q").stdout());
      assertEquals(4, allIds.size(), "db, migrate, app, sidecar");

      // down + up: the data stays; the migration runs again and only logs its run
      s.ok("down");
      assertTrue(Files.isDirectory(s.state().resolve("volumes/" + VOLUME)), "down keeps the volume");
      s.assertNothingLeft(stackLinks);
      s.ok("up", "-d");
      assertPage(DebianSample.awaitOk(app), 2);
      assertEquals(0, engine.inspectContainer(id(s, "migrate")).state().exitCode(), "the second migration succeeded");

      // down -v: the volume goes, and nothing is left
      stackLinks = HostLeaks.linksOfBridge(s.bridge("legacy-stack_default"));
      allIds = Stream.concat(allIds.stream(), DebianSample.lines(s.ok("ps", "-a", "-q").stdout()).stream()).toList();
      s.ok("down", "-v");
      assertEquals(List.of(), DebianSample.lines(s.ok("ps", "-a", "-q").stdout()), "down removes every container");
      assertFalse(Files.exists(s.state().resolve("volumes/" + VOLUME)), "down -v removes the volume");
      s.assertNothingLeft(stackLinks);
      for (String id : allIds) {
        assertEquals(List.of(), HostLeaks.cgroups(id), "cgroups of " + id + " left behind");
      }
      assertEquals(null, DebianSample.get(app), "nothing answers on app's port after down");
      assertEquals(null, DebianSample.get(sidecar), "nothing answers on the sidecar's port after down");
    }
  }

  private static void assertPage(String page, int migrationRuns) {
    assertTrue(page.startsWith("items (from database:5432 as app):"), "read through the link alias:\n" + page);
    for (String row : ROWS) {
      assertTrue(page.contains(row + "\n"), "the seeded row \"" + row.strip() + "\":\n" + page);
    }
    assertEquals(ROWS.size() + 2, DebianSample.lines(page).size(), "the rows once each, the seed is idempotent:\n" + page);
    assertTrue(page.contains("migration runs: " + migrationRuns + "\n"), "migrate ran " + migrationRuns + " time(s) on this data:\n" + page);
  }

  private static String id(DebianSample s, String service) throws Exception {
    String id = s.ok("ps", "-a", "-q", service).stdout().strip();
    assertFalse(id.isEmpty() || id.contains("\n"), "one container of " + service + ": " + id);
    return id;
  }

  /** Docker keeps links as "/target:/container/alias"; this gives "target:alias" (the leading slashes dropped). */
  private static List<String> aliases(List<String> links) {
    if (links == null) {
      return List.of();
    }
    return links.stream().map(l -> {
      String[] p = l.split(":", 2);
      String target = p[0].replaceAll("^/", "").replaceAll("^legacy-stack-(\\w+)-1$", "$1");
      String alias = p.length > 1 ? p[1].substring(p[1].lastIndexOf('/') + 1) : target;
      return target + ":" + alias;
    }).toList();
  }

  private static List<Path> dumps(Path dir) throws Exception {
    try (Stream<Path> files = Files.list(dir)) {
      return files.filter(f -> f.getFileName().toString().endsWith(".sql")).toList();
    }
  }
}
