package dev.jcompose.api.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.jcompose.api.model.ExecCreateRequest;
import dev.jcompose.api.model.ExecInspect;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The exec calls of {@link EngineClient}, against a fake engine. */
class EngineClientExecTest {
  @TempDir
  Path tmp;

  @Test
  void createExec_postsDockersShape() throws IOException {
    try (FakeUnixServer server = new FakeUnixServer(tmp.resolve("e.sock"),
        FakeUnixServer.response(201, "application/json", "{\"Id\":\"e1\"}"))) {
      String id = new EngineClient(server.socket()).createExec("web", ExecCreateRequest.of(List.of("ls", "-l"), "1000", "/srv", List.of("A=1"))).id();
      assertEquals("e1", id);
      assertEquals("POST /v1.41/containers/web/exec HTTP/1.1", server.received().get(0).requestLine());
      assertEquals("{\"AttachStdin\":false,\"AttachStdout\":true,\"AttachStderr\":true,\"Tty\":false,\"Env\":[\"A=1\"],"
          + "\"Cmd\":[\"ls\",\"-l\"],\"Privileged\":false,\"User\":\"1000\",\"WorkingDir\":\"/srv\"}",
          new String(server.received().get(0).body(), StandardCharsets.UTF_8));
    }
  }

  @Test
  void startExec_sendsDetachAndTty_andDecodesTheStream() throws IOException {
    String body = new String(LogFrameDecoder.encode(1, "out\n".getBytes(StandardCharsets.UTF_8)), StandardCharsets.ISO_8859_1)
        + new String(LogFrameDecoder.encode(2, "err\n".getBytes(StandardCharsets.UTF_8)), StandardCharsets.ISO_8859_1);
    String response = "HTTP/1.1 200 OK\r\nContent-Type: application/vnd.docker.raw-stream\r\nTransfer-Encoding: chunked\r\n\r\n"
        + Integer.toHexString(body.length()) + "\r\n" + body + "\r\n0\r\n\r\n";
    try (FakeUnixServer server = new FakeUnixServer(tmp.resolve("e.sock"), response)) {
      List<String> got = new ArrayList<>();
      new EngineClient(server.socket()).startExec("e1", false, (s, p) -> got.add(s + ":" + new String(p, StandardCharsets.UTF_8)));
      assertEquals(List.of("1:out\n", "2:err\n"), got);
      assertEquals("POST /v1.41/exec/e1/start HTTP/1.1", server.received().get(0).requestLine());
      assertEquals("{\"Detach\":false,\"Tty\":false}", new String(server.received().get(0).body(), StandardCharsets.UTF_8));
    }
  }

  @Test
  void startExec_conflict_isEngineApiException() throws IOException {
    try (FakeUnixServer server = new FakeUnixServer(tmp.resolve("e.sock"),
        FakeUnixServer.response(409, "application/json", "{\"message\":\"container web is not running\"}"))) {
      EngineApiException e = assertThrows(EngineApiException.class,
          () -> new EngineClient(server.socket()).startExec("e1", true, (s, p) -> { }));
      assertEquals(409, e.status());
      assertEquals("container web is not running", e.getMessage());
    }
  }

  @Test
  void inspectExec_readsExitCodeAndRunning() throws IOException {
    try (FakeUnixServer server = new FakeUnixServer(tmp.resolve("e.sock"), FakeUnixServer.response(200, "application/json",
        "{\"ID\":\"e1\",\"ContainerID\":\"c1\",\"Running\":false,\"ExitCode\":3,\"Pid\":77,"
            + "\"ProcessConfig\":{\"entrypoint\":\"sh\",\"arguments\":[\"-c\",\"exit 3\"],\"tty\":false}}"))) {
      ExecInspect got = new EngineClient(server.socket()).inspectExec("e1");
      assertEquals(3, got.exitCode());
      assertEquals(false, got.running());
      assertEquals("c1", got.containerId());
      assertEquals("sh", got.processConfig().entrypoint());
      assertEquals("GET /v1.41/exec/e1/json HTTP/1.1", server.received().get(0).requestLine());
    }
  }
}
