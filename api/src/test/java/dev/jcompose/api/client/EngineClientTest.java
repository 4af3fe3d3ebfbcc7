package dev.jcompose.api.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jcompose.api.model.ContainerSummary;
import dev.jcompose.api.model.IdResponse;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EngineClientTest {
  @TempDir
  Path tmp;

  private static String decoded(String query) {
    return URLDecoder.decode(query, StandardCharsets.UTF_8);
  }

  // ---- labelFilterQuery ----

  @Test
  void labelFilterQuery_noFilters_isEmpty() {
    assertEquals("", EngineClient.labelFilterQuery(List.of()));
    assertEquals("", EngineClient.labelFilterQuery(null));
  }

  @Test
  void labelFilterQuery_isDockerFiltersJson() {
    String q = EngineClient.labelFilterQuery(List.of("com.docker.compose.project=p", "com.docker.compose.service"));
    assertTrue(q.startsWith("&filters="), q);
    assertEquals("{\"label\":[\"com.docker.compose.project=p\",\"com.docker.compose.service\"]}",
        decoded(q.substring("&filters=".length())));
  }

  @Test
  void labelFilterQuery_encodesReservedCharacters() {
    String q = EngineClient.labelFilterQuery(List.of("a=b&c d"));
    String value = q.substring("&filters=".length());
    assertFalse(value.contains("&"), q);
    assertFalse(value.contains(" "), q);
    assertFalse(value.contains("{"), q);
    assertEquals("{\"label\":[\"a=b&c d\"]}", decoded(value));
  }

  // ---- against a fake engine ----

  @Test
  void listContainers_sendsAllAndFilters() throws IOException {
    String body = "[{\"Id\":\"abc\",\"Names\":[\"/p-web-1\"],\"State\":\"running\",\"Labels\":{\"com.docker.compose.project\":\"p\"}}]";
    try (FakeUnixServer server = new FakeUnixServer(tmp.resolve("e.sock"), FakeUnixServer.response(200, "application/json", body))) {
      List<ContainerSummary> got = new EngineClient(server.socket()).listContainers(true, List.of("com.docker.compose.project=p"));
      assertEquals(1, got.size());
      assertEquals("p-web-1", got.get(0).name());
      assertEquals("GET /v1.41/containers/json?all=true&filters={\"label\":[\"com.docker.compose.project=p\"]} HTTP/1.1",
          decoded(server.received().get(0).requestLine()));
    }
  }

  @Test
  void listNetworks_filtersAreTheFirstQueryParameter() throws IOException {
    try (FakeUnixServer server = new FakeUnixServer(tmp.resolve("e.sock"),
        FakeUnixServer.response(200, "application/json", "[]"), FakeUnixServer.response(200, "application/json", "[]"))) {
      EngineClient client = new EngineClient(server.socket());
      assertEquals(List.of(), client.listNetworks(List.of("a=b")));
      assertEquals(List.of(), client.listNetworks(List.of()));
      assertEquals("GET /v1.41/networks?filters={\"label\":[\"a=b\"]} HTTP/1.1", decoded(server.received().get(0).requestLine()));
      assertEquals("GET /v1.41/networks HTTP/1.1", server.received().get(1).requestLine());
    }
  }

  @Test
  void createContainer_postsJsonAndEncodesName() throws IOException {
    try (FakeUnixServer server = new FakeUnixServer(tmp.resolve("e.sock"),
        FakeUnixServer.response(201, "application/json", "{\"Id\":\"0123\",\"Warnings\":[]}"))) {
      IdResponse id = new EngineClient(server.socket()).createContainer("p web/1", new dev.jcompose.api.model.ContainerCreateRequest(
          null, null, null, null, null, null, "busybox", null, null, null, null, null, null, null, null, null));
      assertEquals("0123", id.id());
      FakeUnixServer.Received got = server.received().get(0);
      assertEquals("POST /v1.41/containers/create?name=p+web%2F1 HTTP/1.1", got.requestLine());
      assertEquals("application/json", got.header("Content-Type"));
      assertEquals("{\"Image\":\"busybox\"}", new String(got.body(), StandardCharsets.UTF_8));
    }
  }

  @Test
  void errorStatus_becomesEngineApiExceptionWithEngineMessage() throws IOException {
    try (FakeUnixServer server = new FakeUnixServer(tmp.resolve("e.sock"),
        FakeUnixServer.response(404, "application/json", "{\"message\":\"No such container: web\"}"))) {
      EngineApiException e = assertThrows(EngineApiException.class, () -> new EngineClient(server.socket()).inspectContainer("web"));
      assertEquals("No such container: web", e.getMessage());
      assertEquals(404, e.status());
      assertTrue(e.isNotFound());
      assertFalse(e.isConflict());
    }
  }

  @Test
  void errorStatus_plainTextBody_isTheMessage() throws IOException {
    try (FakeUnixServer server = new FakeUnixServer(tmp.resolve("e.sock"),
        FakeUnixServer.response(409, "text/plain", "name already in use\n"))) {
      EngineApiException e = assertThrows(EngineApiException.class, () -> new EngineClient(server.socket()).removeVolume("v", false));
      assertEquals("name already in use", e.getMessage());
      assertTrue(e.isConflict());
    }
  }

  @Test
  void notModified_isNotAnError() throws IOException {
    try (FakeUnixServer server = new FakeUnixServer(tmp.resolve("e.sock"), FakeUnixServer.response(304, null, ""))) {
      new EngineClient(server.socket()).startContainer("web");
      assertEquals("POST /v1.41/containers/web/start HTTP/1.1", server.received().get(0).requestLine());
    }
  }

  @Test
  void invalidJsonAnswer_saysWhichCall() throws IOException {
    try (FakeUnixServer server = new FakeUnixServer(tmp.resolve("e.sock"), FakeUnixServer.response(200, "application/json", "<html>"))) {
      java.io.UncheckedIOException e = assertThrows(java.io.UncheckedIOException.class,
          () -> new EngineClient(server.socket()).version());
      assertTrue(e.getMessage().startsWith("the engine's answer to GET /version is not valid JSON: "), e.getMessage());
    }
  }

  @Test
  void noEngine_messageSaysHowToStartIt() {
    Path socket = tmp.resolve("none.sock");
    EngineUnavailableException e = assertThrows(EngineUnavailableException.class, () -> new EngineClient(socket).version());
    assertTrue(e.getMessage().startsWith("cannot talk to the jcompose engine at " + socket + ": "), e.getMessage());
    assertTrue(e.getMessage().endsWith("(is it running? `jcompose engine run` starts it in the foreground)"), e.getMessage());
  }

  @Test
  void ping_noSocket_isFalse() {
    assertFalse(new EngineClient(tmp.resolve("none.sock")).ping());
  }

  @Test
  void ping_staleSocketFile_isFalse() throws IOException {
    Path stale = Files.createFile(tmp.resolve("stale.sock"));
    assertFalse(new EngineClient(stale).ping());
  }

  @Test
  void ping_engineAnswers_isTrue() throws IOException {
    try (FakeUnixServer server = new FakeUnixServer(tmp.resolve("e.sock"), FakeUnixServer.response(200, "text/plain", "OK"))) {
      assertTrue(new EngineClient(server.socket()).ping());
      assertEquals("GET /_ping HTTP/1.1", server.received().get(0).requestLine());
    }
  }

  @Test
  void logs_decodesChunkedFrameStream() throws IOException {
    byte[] frames = new ByteArrayOutputStream() {
      {
        writeBytes(LogFrameDecoder.encode(1, "out\n".getBytes(StandardCharsets.UTF_8)));
        writeBytes(LogFrameDecoder.encode(2, "err\n".getBytes(StandardCharsets.UTF_8)));
      }
    }.toByteArray();
    String body = new String(frames, StandardCharsets.ISO_8859_1);
    String response = "HTTP/1.1 200 OK\r\nContent-Type: application/vnd.docker.raw-stream\r\nTransfer-Encoding: chunked\r\n\r\n"
        + Integer.toHexString(5) + "\r\n" + body.substring(0, 5) + "\r\n"
        + Integer.toHexString(body.length() - 5) + "\r\n" + body.substring(5) + "\r\n0\r\n\r\n";
    try (FakeUnixServer server = new FakeUnixServer(tmp.resolve("e.sock"), response)) {
      List<String> got = new ArrayList<>();
      new EngineClient(server.socket()).logs("web", false, "5", true, (s, p) -> got.add(s + ":" + new String(p, StandardCharsets.UTF_8)));
      assertEquals(List.of("1:out\n", "2:err\n"), got);
      assertEquals("GET /v1.41/containers/web/logs?stdout=1&stderr=1&follow=0&timestamps=1&tail=5 HTTP/1.1",
          server.received().get(0).requestLine());
    }
  }

  @Test
  void logs_errorStatus_isEngineApiException() throws IOException {
    try (FakeUnixServer server = new FakeUnixServer(tmp.resolve("e.sock"),
        FakeUnixServer.response(400, "application/json", "{\"message\":\"tail must be a number of lines or \\\"all\\\", got x\"}"))) {
      EngineApiException e = assertThrows(EngineApiException.class,
          () -> new EngineClient(server.socket()).logs("web", false, "x", false, (s, p) -> { }));
      assertEquals("tail must be a number of lines or \"all\", got x", e.getMessage());
      assertEquals(400, e.status());
    }
  }

  @Test
  void removeContainer_passesForceAndVolumes() throws IOException {
    try (FakeUnixServer server = new FakeUnixServer(tmp.resolve("e.sock"), FakeUnixServer.response(204, null, ""))) {
      new EngineClient(server.socket()).removeContainer("web", true, false);
      assertEquals("DELETE /v1.41/containers/web?force=true&v=false HTTP/1.1", server.received().get(0).requestLine());
    }
  }

  @Test
  void stopAndKill_optionalParameters() throws IOException {
    try (FakeUnixServer server = new FakeUnixServer(tmp.resolve("e.sock"), FakeUnixServer.response(204, null, ""),
        FakeUnixServer.response(204, null, ""), FakeUnixServer.response(204, null, ""))) {
      EngineClient client = new EngineClient(server.socket());
      client.stopContainer("web", null);
      client.stopContainer("web", 3);
      client.killContainer("web", "SIGHUP");
      assertEquals("POST /v1.41/containers/web/stop HTTP/1.1", server.received().get(0).requestLine());
      assertEquals("POST /v1.41/containers/web/stop?t=3 HTTP/1.1", server.received().get(1).requestLine());
      assertEquals("POST /v1.41/containers/web/kill?signal=SIGHUP HTTP/1.1", server.received().get(2).requestLine());
    }
  }

  @Test
  void listVolumes_missingVolumesField_isEmptyList() throws IOException {
    try (FakeUnixServer server = new FakeUnixServer(tmp.resolve("e.sock"),
        FakeUnixServer.response(200, "application/json", "{\"Volumes\":null,\"Warnings\":[]}"))) {
      assertEquals(List.of(), new EngineClient(server.socket()).listVolumes(List.of()));
    }
  }

  @Test
  void importImage_sendsTarballWithLength() throws IOException {
    Path tar = Files.write(tmp.resolve("rootfs.tar"), new byte[10_240]);
    try (FakeUnixServer server = new FakeUnixServer(tmp.resolve("e.sock"),
        FakeUnixServer.response(200, "application/json", "{\"status\":\"sha256:abc\"}"))) {
      String answer = new EngineClient(server.socket()).importImage(tar, "busybox", null);
      assertEquals("{\"status\":\"sha256:abc\"}", answer);
      FakeUnixServer.Received got = server.received().get(0);
      assertEquals("POST /v1.41/images/create?fromSrc=-&repo=busybox HTTP/1.1", got.requestLine());
      assertEquals("application/x-tar", got.header("Content-Type"));
      assertEquals("10240", got.header("Content-Length"));
      assertEquals(10_240, got.body().length);
      assertNull(got.header("Transfer-Encoding"));
    }
  }
}
