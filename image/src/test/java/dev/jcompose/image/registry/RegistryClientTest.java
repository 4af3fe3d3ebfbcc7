package dev.jcompose.image.registry;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.jcompose.image.Digest;
import dev.jcompose.image.ImageException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Against a small registry + token server on 127.0.0.1 (the JDK's HttpServer), to drive the auth and failure paths. */
class RegistryClientTest {
  private static final byte[] MANIFEST = ("{\"schemaVersion\":2,\"config\":{\"mediaType\":\"application/vnd.oci.image.config.v1+json\","
      + "\"digest\":\"sha256:" + "0".repeat(64) + "\",\"size\":2},\"layers\":[]}").getBytes(StandardCharsets.UTF_8);
  private static final byte[] BLOB = "layer bytes ".repeat(10_000).getBytes(StandardCharsets.UTF_8);
  private HttpServer server;
  private String registry;
  private final List<String> authorizations = new CopyOnWriteArrayList<>();

  @BeforeEach
  void start() throws Exception {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    registry = "127.0.0.1:" + server.getAddress().getPort();
    server.createContext("/token", x -> {
      String basic = x.getRequestHeaders().getFirst("Authorization");
      boolean ok = ("Basic " + java.util.Base64.getEncoder().encodeToString("alice:s3cret".getBytes())).equals(basic)
          && x.getRequestURI().getQuery().contains("scope=repository:team/app:pull");
      reply(x, ok ? 200 : 401, ok ? "{\"token\":\"T0KEN\"}" : "{\"details\":\"bad credentials\"}", "application/json");
    });
    server.createContext("/v2/team/app/", x -> {
      String auth = x.getRequestHeaders().getFirst("Authorization");
      authorizations.add(String.valueOf(auth));
      if (!"Bearer T0KEN".equals(auth)) {
        x.getResponseHeaders().add("WWW-Authenticate", "Bearer realm=\"http://" + registry + "/token\",service=\"test\","
            + "scope=\"repository:team/app:pull\"");
        reply(x, 401, "{\"errors\":[{\"code\":\"UNAUTHORIZED\",\"message\":\"authentication required\"}]}", "application/json");
        return;
      }
      String path = x.getRequestURI().getPath();
      if (path.endsWith("/manifests/v1")) {
        x.getResponseHeaders().add("Docker-Content-Digest", Digest.of(MANIFEST).toString());
        reply(x, 200, MANIFEST, MediaTypes.OCI_MANIFEST);
      } else if (path.endsWith("/blobs/" + Digest.of(BLOB))) {
        reply(x, 200, BLOB, "application/octet-stream");
      } else if (path.contains("/blobs/")) {
        x.getResponseHeaders().add("Location", "http://" + registry + "/storage/halfway");
        reply(x, 307, "", "text/plain");
      } else {
        reply(x, 404, "{\"errors\":[{\"code\":\"MANIFEST_UNKNOWN\",\"message\":\"manifest unknown\"}]}", "application/json");
      }
    });
    server.createContext("/storage/halfway", x -> {
      // announces the whole blob, sends half of it, and drops the connection
      x.sendResponseHeaders(200, BLOB.length);
      OutputStream out = x.getResponseBody();
      out.write(BLOB, 0, BLOB.length / 2);
      out.flush();
      x.getHttpContext().getServer();
      x.close();
    });
    server.start();
  }

  @AfterEach
  void stop() {
    server.stop(0);
  }

  private RegistryClient client(boolean withCredentials) {
    return new RegistryClient(withCredentials
        ? new RegistryCredentials(Map.of(registry, new RegistryCredentials.Credentials("alice", "s3cret")))
        : RegistryCredentials.none(), Set.of());
  }

  @Test
  void testManifest_bearerTokenFromRealm_withBasicCredentials() {
    FetchedManifest m = client(true).manifest(registry, "team/app", "v1");
    assertEquals(MediaTypes.OCI_MANIFEST, m.mediaType(), "taken from Content-Type: the document has no mediaType");
    assertEquals(Digest.of(MANIFEST), m.digest());
    assertEquals(List.of("null", "Bearer T0KEN"), authorizations);
  }

  @Test
  void testManifest_tokenServiceRefuses_saysWhereToPutCredentials() {
    ImageException e = assertThrows(ImageException.class, () -> client(false).manifest(registry, "team/app", "v1"));
    assertTrue(e.getMessage().contains("is not authorized") && e.getMessage().contains("~/.docker/config.json"), e.getMessage());
  }

  @Test
  void testManifest_unknown_isNotFoundWithRegistryMessage() {
    ImageException e = assertThrows(ImageException.class, () -> client(true).manifest(registry, "team/app", "nope"));
    assertEquals(ImageException.Kind.NOT_FOUND, e.kind());
    assertTrue(e.getMessage().contains("MANIFEST_UNKNOWN: manifest unknown"), e.getMessage());
  }

  @Test
  void testBlob_verifiedThenRenamedIntoPlace(@TempDir Path tmp) throws Exception {
    Path target = tmp.resolve("blob");
    List<Long> progress = new CopyOnWriteArrayList<>();
    client(true).blob(registry, "team/app", new Descriptor("x", Digest.of(BLOB).toString(), BLOB.length, null), target, progress::add);
    assertArrayEquals(BLOB, Files.readAllBytes(target));
    assertEquals(BLOB.length, progress.get(progress.size() - 1));
  }

  @Test
  void testBlob_connectionDroppedHalfway_leavesNothing(@TempDir Path tmp) throws Exception {
    Path target = tmp.resolve("blob");
    String other = "sha256:" + "1".repeat(64);
    ImageException e = assertThrows(ImageException.class,
        () -> client(true).blob(registry, "team/app", new Descriptor("x", other, BLOB.length, null), target, n -> { }));
    assertTrue(e.getMessage().contains("nothing was kept"), e.getMessage());
    assertFalse(Files.exists(target));
    try (Stream<Path> s = Files.list(tmp)) {
      assertEquals(List.of(), s.toList());
    }
  }

  @Test
  void testManifest_registryDown_saysWhatWasTried() throws Exception {
    server.stop(0);
    ImageException e = assertThrows(ImageException.class, () -> client(true).manifest(registry, "team/app", "v1"));
    assertTrue(e.getMessage().contains("cannot fetch manifest " + registry + "/team/app:v1 from http://" + registry), e.getMessage());
  }

  private static void reply(HttpExchange x, int status, String body, String type) throws java.io.IOException {
    reply(x, status, body.getBytes(StandardCharsets.UTF_8), type);
  }

  private static void reply(HttpExchange x, int status, byte[] body, String type) throws java.io.IOException {
    x.getResponseHeaders().add("Content-Type", type);
    x.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
    try (OutputStream out = x.getResponseBody()) {
      out.write(body);
    }
  }
}
