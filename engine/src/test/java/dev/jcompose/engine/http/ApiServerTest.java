package dev.jcompose.engine.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jcompose.api.client.EngineApiException;
import dev.jcompose.api.client.EngineClient;
import dev.jcompose.api.client.LogFrameDecoder;
import dev.jcompose.api.client.UnixHttpTransport;
import dev.jcompose.api.model.ContainerCreateRequest;
import dev.jcompose.api.model.IdResponse;
import dev.jcompose.api.model.VersionResponse;
import io.netty.channel.epoll.Epoll;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real server (Netty epoll on a Unix socket) with a small router, talked to by the real
 * client: status codes, error bodies, chunked streams and tarball uploads end to end.
 */
class ApiServerTest {
  /** Uploads and tarballs; the socket gets its own short directory under /tmp (sun_path is 108 bytes). */
  @TempDir
  Path tmp;

  @FunctionalInterface
  interface ClientTest {
    void run(EngineClient client, UnixHttpTransport transport, Path uploads) throws Exception;
  }

  @BeforeAll
  static void needsEpoll() {
    Assumptions.assumeTrue(Epoll.isAvailable(), () -> "Netty's epoll transport is not available: " + Epoll.unavailabilityCause());
  }

  private static Router router(Path uploads) {
    return new Router()
        .add("GET", "/_ping", q -> new ApiResponse.Text(200, "text/plain", "OK"))
        .add("GET", "/version", q -> ApiResponse.ok(new VersionResponse("0.1.0", "1.41", "1.24", "linux", "amd64", "6.1.0")))
        .add("GET", "/containers/{id}/json", q -> {
          throw ApiException.notFound("No such container: " + q.param("id"));
        })
        .add("POST", "/containers/{id}/start", q -> {
          if (q.param("id").equals("running")) {
            throw ApiException.notModified();
          }
          return ApiResponse.noContent();
        })
        .add("POST", "/containers/create", q -> {
          ContainerCreateRequest req = q.json(ContainerCreateRequest.class);
          return ApiResponse.created(new IdResponse(q.query("name") + "-id", List.of(req.image())));
        })
        .add("POST", "/containers/{id}/attach", q -> new ApiResponse.Hijacked("application/vnd.docker.raw-stream", out -> {
          out.write(LogFrameDecoder.encode(1, utf8("out\n")));
          out.write(LogFrameDecoder.encode(2, utf8("err\n")));
        }))
        .add("GET", "/containers/{id}/logs", q -> new ApiResponse.Streaming(200, "application/vnd.docker.raw-stream", out -> {
          out.write(LogFrameDecoder.encode(1, utf8("line 1\n")));
          byte[] split = LogFrameDecoder.encode(2, utf8("oops\n"));
          out.write(split, 0, 3);
          out.flush();
          out.write(split, 3, split.length - 3);
          out.write(LogFrameDecoder.encode(1, new byte[0]));
          out.write(LogFrameDecoder.encode(1, utf8("tail=" + q.query("tail") + " follow=" + q.flag("follow") + "\n")));
          if (q.param("id").equals("dies")) {
            throw new IOException("the log file vanished");
          }
          out.write(LogFrameDecoder.encode(1, utf8("last\n")));
        }))
        .add("POST", "/images/create", q -> {
          try (Stream<Path> files = Files.list(uploads); InputStream in = q.body().open()) {
            long spooled = files.filter(f -> f.getFileName().toString().startsWith("upload-")).count();
            byte[] tar = in.readAllBytes();
            String name = new String(tar, 0, 100, StandardCharsets.US_ASCII).replace("\0", "");
            long size = Long.parseLong(new String(tar, 124, 11, StandardCharsets.US_ASCII), 8);
            return ApiResponse.ok(Map.of("status", "sha256:" + sha256(tar), "first", name, "firstSize", size,
                "repo", q.query("repo"), "spooledFiles", spooled, "bytes", q.body().size()));
          } catch (IOException e) {
            throw new UncheckedIOException(e);
          }
        })
        .add("GET", "/boom", q -> {
          throw new IllegalStateException("the disk is on fire");
        });
  }

  /** Starts a server, runs {@code test} against it, and always closes it. */
  private void withServer(ClientTest test) throws Exception {
    Path socketDir = Files.createTempDirectory(Path.of("/tmp"), "jcapi");
    Path socket = socketDir.resolve("api.sock");
    Path uploads = tmp.resolve("uploads");
    Files.createDirectories(uploads);
    ExecutorService pool = Executors.newCachedThreadPool();
    ApiServer server = new ApiServer(socket);
    try {
      server.start(router(uploads), pool, uploads);
      test.run(new EngineClient(socket), new UnixHttpTransport(socket), uploads);
    } finally {
      server.close();
      pool.shutdownNow();
      assertFalse(Files.exists(socket), "close removes the socket");
      Files.delete(socketDir);
    }
  }

  private static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  private static String sha256(byte[] b) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(b));
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** A one-file ustar archive, as {@code tar -cf} writes it. */
  static byte[] tar(String name, byte[] content) {
    byte[] header = new byte[512];
    put(header, 0, name);
    put(header, 100, "0000644\0");
    put(header, 108, "0000000\0");
    put(header, 116, "0000000\0");
    put(header, 124, String.format("%011o\0", content.length));
    put(header, 136, String.format("%011o\0", 1714557600L));
    put(header, 148, "        ");
    header[156] = '0';
    put(header, 257, "ustar\0");
    put(header, 263, "00");
    int sum = 0;
    for (byte b : header) {
      sum += b & 0xff;
    }
    put(header, 148, String.format("%06o\0 ", sum));
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes(header);
    out.writeBytes(content);
    out.writeBytes(new byte[(512 - content.length % 512) % 512]);
    out.writeBytes(new byte[1024]);
    return out.toByteArray();
  }

  private static void put(byte[] into, int at, String s) {
    byte[] b = s.getBytes(StandardCharsets.US_ASCII);
    System.arraycopy(b, 0, into, at, b.length);
  }

  // ---- the tests ----

  @Test
  void hijacked_upgradeRequest_101ThenRawFramesThenClose_evenAfterTheClientHalfCloses() throws Exception {
    withServer((client, transport, uploads) -> {
      try (java.nio.channels.SocketChannel ch = java.nio.channels.SocketChannel.open(java.net.UnixDomainSocketAddress.of(client.socket()))) {
        ch.write(java.nio.ByteBuffer.wrap(utf8("POST /v1.41/containers/c1/attach?stream=1&stdout=1&stderr=1 HTTP/1.1\r\n"
            + "Host: api.moby.localhost\r\nContent-Length: 0\r\nConnection: Upgrade\r\nUpgrade: tcp\r\n\r\n")));
        ch.shutdownOutput(); // docker run without -i sends EOF at once
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        java.nio.ByteBuffer buf = java.nio.ByteBuffer.allocate(4096);
        while (ch.read(buf) >= 0) {
          all.write(buf.array(), 0, buf.position());
          buf.clear();
        }
        byte[] bytes = all.toByteArray();
        String text = new String(bytes, StandardCharsets.ISO_8859_1);
        assertTrue(text.startsWith("HTTP/1.1 101 UPGRADED\r\n"), text);
        assertTrue(text.toLowerCase(java.util.Locale.ROOT).contains("upgrade: tcp\r\n"), text);
        int body = text.indexOf("\r\n\r\n") + 4;
        ByteArrayOutputStream frames = new ByteArrayOutputStream();
        frames.write(LogFrameDecoder.encode(1, utf8("out\n")));
        frames.write(LogFrameDecoder.encode(2, utf8("err\n")));
        assertEquals(HexFormat.of().formatHex(frames.toByteArray()),
            HexFormat.of().formatHex(java.util.Arrays.copyOfRange(bytes, body, bytes.length)), "raw frames, no chunking, then EOF");
      }
    });
  }

  @Test
  void start_socketIsGroupReadableOnly() throws Exception {
    withServer((client, transport, uploads) -> {
      assertEquals("rw-rw----", PosixFilePermissions.toString(Files.getPosixFilePermissions(client.socket())));
      assertTrue(client.ping());
    });
  }

  @Test
  void jsonRoute_answers200WithDockerHeaders() throws Exception {
    withServer((client, transport, uploads) -> {
      VersionResponse v = client.version();
      assertEquals("1.41", v.apiVersion());
      assertEquals("6.1.0", v.kernelVersion());
      try (UnixHttpTransport.Response r = transport.send("GET", "/version", null, null, 0)) {
        assertEquals(200, r.status());
        assertEquals("application/json", r.header("Content-Type"));
        assertEquals("1.41", r.header("Api-Version"));
        assertEquals("jcompose-engine", r.header("Server"));
        assertTrue(new String(r.readAll(), StandardCharsets.UTF_8).contains("\"ApiVersion\":\"1.41\""));
      }
    });
  }

  @Test
  void notFound_becomesEngineApiExceptionWithTheMessage() throws Exception {
    withServer((client, transport, uploads) -> {
      EngineApiException e = assertThrows(EngineApiException.class, () -> client.inspectContainer("web"));
      assertEquals("No such container: web", e.getMessage());
      assertEquals(404, e.status());
      assertTrue(e.isNotFound());
      try (UnixHttpTransport.Response r = transport.send("GET", "/v1.41/containers/web/json", null, null, 0)) {
        assertEquals(404, r.status());
        assertEquals("{\"message\":\"No such container: web\"}", new String(r.readAll(), StandardCharsets.UTF_8));
      }
    });
  }

  @Test
  void unknownPathAndWrongMethod_areDockerErrors() throws Exception {
    withServer((client, transport, uploads) -> {
      try (UnixHttpTransport.Response r = transport.send("GET", "/v1.41/nope", null, null, 0)) {
        assertEquals(404, r.status());
        assertEquals("{\"message\":\"page not found: GET /nope\"}", new String(r.readAll(), StandardCharsets.UTF_8));
      }
      try (UnixHttpTransport.Response r = transport.send("DELETE", "/version", null, null, 0)) {
        assertEquals(405, r.status());
        assertEquals("{\"message\":\"DELETE is not allowed on /version\"}", new String(r.readAll(), StandardCharsets.UTF_8));
      }
    });
  }

  @Test
  void routeFailure_is500WithItsMessage() throws Exception {
    withServer((client, transport, uploads) -> {
      try (UnixHttpTransport.Response r = transport.send("GET", "/v1.41/boom", null, null, 0)) {
        assertEquals(500, r.status());
        assertEquals("{\"message\":\"the disk is on fire\"}", new String(r.readAll(), StandardCharsets.UTF_8));
      }
    });
  }

  @Test
  void notModified_is304WithoutBody_andNotAnErrorForTheClient() throws Exception {
    withServer((client, transport, uploads) -> {
      client.startContainer("running");
      client.startContainer("stopped");
      try (UnixHttpTransport.Response r = transport.send("POST", "/v1.41/containers/running/start", null, null, 0)) {
        assertEquals(304, r.status());
        assertEquals(0, r.readAll().length);
      }
      try (UnixHttpTransport.Response r = transport.send("POST", "/v1.41/containers/stopped/start", null, null, 0)) {
        assertEquals(204, r.status());
      }
    });
  }

  @Test
  void jsonBody_isParsedByTheRoute() throws Exception {
    withServer((client, transport, uploads) -> {
      IdResponse id = client.createContainer("p-web-1", new ContainerCreateRequest(null, null, null, null, null, null, "busybox",
          null, null, null, null, null, null, null, null, null));
      assertEquals("p-web-1-id", id.id());
      assertEquals(List.of("busybox"), id.warnings());
    });
  }

  @Test
  void invalidJsonBody_isBadRequestSayingSo() throws Exception {
    withServer((client, transport, uploads) -> {
      byte[] junk = utf8("{\"Image\":");
      try (UnixHttpTransport.Response r = transport.send("POST", "/v1.41/containers/create?name=x", "application/json",
          new java.io.ByteArrayInputStream(junk), junk.length)) {
        assertEquals(400, r.status());
        String body = new String(r.readAll(), StandardCharsets.UTF_8);
        assertTrue(body.startsWith("{\"message\":\"the request body is not valid JSON for ContainerCreateRequest: "), body);
      }
      try (UnixHttpTransport.Response r = transport.send("POST", "/v1.41/containers/create?name=x", null, null, 0)) {
        assertEquals(400, r.status());
        assertEquals("{\"message\":\"the request needs a JSON body\"}", new String(r.readAll(), StandardCharsets.UTF_8));
      }
    });
  }

  @Test
  void streamingRoute_isChunkedAndDecodesIntoFrames() throws Exception {
    withServer((client, transport, uploads) -> {
      List<String> got = new ArrayList<>();
      client.logs("web", false, "5", false, (s, p) -> got.add(s + ":" + new String(p, StandardCharsets.UTF_8)));
      assertEquals(List.of("1:line 1\n", "2:oops\n", "1:", "1:tail=5 follow=false\n", "1:last\n"), got);
      try (UnixHttpTransport.Response r = transport.send("GET", "/v1.41/containers/web/logs?follow=1", null, null, 0)) {
        assertEquals(200, r.status());
        assertEquals("chunked", r.header("Transfer-Encoding"));
        assertEquals("application/vnd.docker.raw-stream", r.header("Content-Type"));
        assertEquals(null, r.header("Content-Length"));
        List<String> raw = new ArrayList<>();
        LogFrameDecoder.decode(r.body(), (s, p) -> raw.add(new String(p, StandardCharsets.UTF_8)));
        assertEquals("tail=null follow=true\n", raw.get(3));
      }
    });
  }

  @Test
  void streamingRoute_failingMidway_endsTheStreamCleanly() throws Exception {
    withServer((client, transport, uploads) -> {
      List<String> got = new ArrayList<>();
      client.logs("dies", true, null, false, (s, p) -> got.add(new String(p, StandardCharsets.UTF_8)));
      assertEquals(List.of("line 1\n", "oops\n", "", "tail=null follow=true\n"), got);
    });
  }

  @Test
  void tarUpload_isSpooledToAFileAndRemovedAfterwards() throws Exception {
    byte[] content = new byte[3 * 1024 * 1024 + 17];
    for (int i = 0; i < content.length; i++) {
      content[i] = (byte) (i % 251);
    }
    byte[] tar = tar("bin/busybox", content);
    Path tarball = Files.write(tmp.resolve("rootfs.tar"), tar);
    withServer((client, transport, uploads) -> {
      String answer = client.importImage(tarball, "busybox", "1.36");
      assertTrue(answer.contains("\"status\":\"sha256:" + sha256(tar) + "\""), answer);
      assertTrue(answer.contains("\"first\":\"bin/busybox\""), answer);
      assertTrue(answer.contains("\"firstSize\":" + content.length), answer);
      assertTrue(answer.contains("\"bytes\":" + tar.length), answer);
      assertTrue(answer.contains("\"spooledFiles\":1"), "a tarball is streamed to a file in the upload dir: " + answer);
      assertTrue(answer.contains("\"repo\":\"busybox\""), answer);
      long deadline = System.nanoTime() + 2_000_000_000L;
      while (true) {
        try (Stream<Path> left = Files.list(uploads)) {
          if (left.findAny().isEmpty()) {
            break;
          }
        }
        assertTrue(System.nanoTime() < deadline, "the spooled upload is deleted once the route is done");
        Thread.sleep(10);
      }
    });
  }

  @Test
  void tarUpload_ofUnknownLength_chunkedRequestBody() throws Exception {
    byte[] tar = tar("etc/hostname", utf8("jcompose\n"));
    withServer((client, transport, uploads) -> {
      try (UnixHttpTransport.Response r = transport.send("POST", "/v1.41/images/create?fromSrc=-&repo=x", "application/x-tar",
          new java.io.ByteArrayInputStream(tar), -1)) {
        assertEquals(200, r.status());
        String answer = new String(r.readAll(), StandardCharsets.UTF_8);
        assertTrue(answer.contains("\"first\":\"etc/hostname\""), answer);
        assertTrue(answer.contains("\"bytes\":" + tar.length), answer);
      }
    });
  }

  @Test
  void keepAlive_twoRequestsOnOneConnection_asDockerClientsSend() throws Exception {
    withServer((client, transport, uploads) -> {
      try (java.nio.channels.SocketChannel ch = java.nio.channels.SocketChannel.open(java.net.StandardProtocolFamily.UNIX)) {
        ch.connect(java.net.UnixDomainSocketAddress.of(client.socket()));
        java.io.OutputStream out = java.nio.channels.Channels.newOutputStream(ch);
        InputStream in = new java.io.BufferedInputStream(java.nio.channels.Channels.newInputStream(ch));
        for (int i = 0; i < 2; i++) {
          out.write(utf8("GET /v1.41/version HTTP/1.1\r\nHost: docker\r\n\r\n"));
          out.flush();
          assertEquals("HTTP/1.1 200 OK", readLine(in));
          int length = -1;
          for (String h = readLine(in); !h.isEmpty(); h = readLine(in)) {
            if (h.toLowerCase(java.util.Locale.ROOT).startsWith("content-length:")) {
              length = Integer.parseInt(h.substring(15).trim());
            }
            if (h.toLowerCase(java.util.Locale.ROOT).startsWith("connection:")) {
              assertEquals("keep-alive", h.substring(11).trim());
            }
          }
          String body = new String(in.readNBytes(length), StandardCharsets.UTF_8);
          assertTrue(body.contains("\"ApiVersion\":\"1.41\""), body);
        }
      }
    });
  }

  private static String readLine(InputStream in) throws IOException {
    StringBuilder b = new StringBuilder();
    for (int c = in.read(); c != '\n'; c = in.read()) {
      if (c < 0) {
        throw new java.io.EOFException("connection closed after: " + b);
      }
      if (c != '\r') {
        b.append((char) c);
      }
    }
    return b.toString();
  }

  @Test
  void severalClientsInParallel() throws Exception {
    withServer((client, transport, uploads) -> {
      List<Thread> threads = new ArrayList<>();
      List<Throwable> failures = java.util.Collections.synchronizedList(new ArrayList<>());
      for (int i = 0; i < 8; i++) {
        Thread t = new Thread(() -> {
          try {
            for (int j = 0; j < 5; j++) {
              assertEquals("1.41", client.version().apiVersion());
            }
          } catch (Throwable e) {
            failures.add(e);
          }
        });
        t.start();
        threads.add(t);
      }
      for (Thread t : threads) {
        t.join(5000);
      }
      assertEquals(List.of(), failures);
    });
  }
}
