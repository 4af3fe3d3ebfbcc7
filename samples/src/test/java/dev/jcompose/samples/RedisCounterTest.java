package dev.jcompose.samples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * samples/redis-counter end to end: a Python app counting its page hits in Redis, both images
 * built from Dockerfiles on the samples' Debian base image. The count goes 1, 2, 3; a change to
 * the app's source and `up -d --build` rebuild only the app's COPY (the apt step is a cache hit),
 * recreate only the app's container, and the count goes on at 4; `down` + `up` keeps it (the
 * named volume holds Redis's append-only file); `down -v` removes it. Needs root and Debian's
 * package archive (about a minute; the first run on a machine also makes the base tarball).
 */
@Tag("root")
class RedisCounterTest {
  private static final String VOLUME = "redis-counter_redis_data";

  @Test
  void countSurvivesRebuildAndDownUp_andDownVResetsIt() throws Exception {
    int port = DebianSample.freePort();
    String url = "http://127.0.0.1:" + port + "/";
    try (DebianSample s = DebianSample.start("jcrc-", "redis-counter", Map.of("COUNTER_PORT", Integer.toString(port)))) {
      JcomposeRunner.Result up = s.ok("up", "-d");
      String upLog = up.all();
      assertTrue(upLog.contains("Service web built: jc-sample/redis-counter-web:latest"), "up builds the missing images:\n" + DebianSample.tail(upLog));
      assertTrue(upLog.contains("Service redis built: jc-sample/redis:latest"), "up builds the missing images:\n" + DebianSample.tail(upLog));
      assertTrue(up.stdout().contains("redis-counter-redis-1  Healthy"), "web waits for redis's healthcheck:\n" + DebianSample.tail(upLog));

      assertEquals("Hello World! I have been seen 1 times.", DebianSample.awaitOk(url).strip());
      assertEquals("Hello World! I have been seen 2 times.", DebianSample.getOk(url).strip());
      assertEquals("Hello World! I have been seen 3 times.", DebianSample.getOk(url).strip());
      String redisId = s.ok("ps", "-q", "redis").stdout().strip();
      String webId = s.ok("ps", "-q", "web").stdout().strip();
      assertFalse(redisId.isEmpty() || webId.isEmpty(), "ps -q shows both containers");

      // The app's source changes: only its COPY (and what follows) is rebuilt, only its container recreated.
      Path app = s.project().resolve("web/app.py");
      String source = Files.readString(app);
      assertTrue(source.contains("GREETING = \"Hello World!\""), "the greeting in app.py");
      Files.writeString(app, source.replace("GREETING = \"Hello World!\"", "GREETING = \"Hello again!\""));
      JcomposeRunner.Result rebuild = s.ok("up", "-d", "--build");
      String log = rebuild.all();
      String web = section(log, "Building web", "Service web built:");
      assertTrue(cached(web, "RUN apt-get update"), "the app's apt step is a cache hit:\n" + web);
      assertFalse(cached(web, "COPY app.py"), "the changed app.py is copied again:\n" + web);
      assertFalse(web.contains("Running in"), "nothing runs: the only RUN is cached:\n" + web);
      String redis = section(log, "Building redis", "Service redis built:");
      assertFalse(redis.contains("Running in"), "redis's image is unchanged, every step cached:\n" + redis);
      assertTrue(rebuild.stdout().contains("redis-counter-redis-1  Running"), "redis is left running:\n" + DebianSample.tail(log));
      assertFalse(rebuild.stdout().contains("redis-counter-redis-1  Recreate"), "redis is not recreated:\n" + DebianSample.tail(log));
      assertTrue(rebuild.stdout().contains("redis-counter-web-1  Recreated"), "the app is recreated on its new image:\n" + DebianSample.tail(log));
      assertEquals(redisId, s.ok("ps", "-q", "redis").stdout().strip(), "the same redis container");
      assertFalse(webId.equals(s.ok("ps", "-q", "web").stdout().strip()), "a new web container");
      assertEquals("Hello again! I have been seen 4 times.", DebianSample.awaitOk(url).strip(), "the new source, the same count");

      String bridge = s.bridge("redis-counter_default");
      List<String> stackLinks = HostLeaks.linksOfBridge(bridge);
      assertEquals(3, stackLinks.size(), "the bridge and one veth per container: " + stackLinks);

      // down + up: new containers, the same volume, the same count
      s.ok("down");
      assertTrue(Files.isDirectory(s.state().resolve("volumes/" + VOLUME)), "down keeps the volume");
      s.assertNothingLeft(stackLinks);
      String again = s.ok("up", "-d").all();
      assertFalse(again.contains("Building"), "the images exist: up builds nothing:\n" + DebianSample.tail(again));
      assertEquals("Hello again! I have been seen 5 times.", DebianSample.awaitOk(url).strip(), "Redis read its append-only file");

      // down -v: the volume goes, and with it the count
      stackLinks = HostLeaks.linksOfBridge(s.bridge("redis-counter_default"));
      s.ok("down", "-v");
      assertFalse(Files.exists(s.state().resolve("volumes/" + VOLUME)), "down -v removes the volume");
      s.assertNothingLeft(stackLinks);
      s.ok("up", "-d");
      assertEquals("Hello again! I have been seen 1 times.", DebianSample.awaitOk(url).strip(), "a new volume, a new count");
      s.ok("down", "-v");
    }
  }

  /** The part of a build log from {@code from} to {@code to}. */
  private static String section(String log, String from, String to) {
    int a = log.indexOf(from);
    int b = log.indexOf(to, Math.max(a, 0));
    assertTrue(a >= 0 && b > a, "the build log has \"" + from + "\" ... \"" + to + "\":\n" + DebianSample.tail(log));
    return log.substring(a, b);
  }

  /** Whether the build step whose instruction starts with {@code instruction} came from the cache. */
  private static boolean cached(String buildLog, String instruction) {
    List<String> lines = DebianSample.lines(buildLog);
    for (int i = 0; i < lines.size(); i++) {
      String l = lines.get(i);
      if (l.startsWith("Step ") && l.contains(" : " + instruction)) {
        return i + 1 < lines.size() && lines.get(i + 1).contains("---> Using cache");
      }
    }
    throw new AssertionError("no step \"" + instruction + "\" in:\n" + buildLog);
  }
}
