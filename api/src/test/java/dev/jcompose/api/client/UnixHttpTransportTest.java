package dev.jcompose.api.client;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class UnixHttpTransportTest {
  @TempDir
  Path tmp;

  private static InputStream bytes(String s) {
    return new ByteArrayInputStream(s.getBytes(StandardCharsets.ISO_8859_1));
  }

  /** Hands out at most one byte per read, as a slow socket may. */
  private static InputStream trickle(String s) {
    return new FilterInputStream(bytes(s)) {
      @Override
      public int read(byte[] b, int off, int len) throws IOException {
        return super.read(b, off, Math.min(1, len));
      }
    };
  }

  private static String utf8(byte[] b) {
    return new String(b, StandardCharsets.UTF_8);
  }

  // ---- chunked ----

  @Test
  void chunked_joinsChunks() throws IOException {
    InputStream in = new UnixHttpTransport.ChunkedInputStream(bytes("5\r\nhello\r\n6\r\n world\r\n0\r\n\r\n"));
    assertEquals("hello world", utf8(in.readAllBytes()));
  }

  @Test
  void chunked_hexSizesAndExtensions() throws IOException {
    InputStream in = new UnixHttpTransport.ChunkedInputStream(bytes("A;name=value\r\n0123456789\r\n1a\r\nabcdefghijklmnopqrstuvwxyz\r\n0\r\n\r\n"));
    assertEquals("0123456789abcdefghijklmnopqrstuvwxyz", utf8(in.readAllBytes()));
  }

  @Test
  void chunked_lastChunk_endsStreamAndLeavesWhatFollows() throws IOException {
    InputStream raw = bytes("3\r\nabc\r\n0\r\n\r\nNEXT");
    InputStream in = new UnixHttpTransport.ChunkedInputStream(raw);
    assertEquals("abc", utf8(in.readAllBytes()));
    assertEquals(-1, in.read());
    assertEquals(-1, in.read(new byte[4], 0, 4), "stays at end");
  }

  @Test
  void chunked_emptyBody() throws IOException {
    assertEquals(0, new UnixHttpTransport.ChunkedInputStream(bytes("0\r\n\r\n")).readAllBytes().length);
  }

  @Test
  void chunked_singleByteReads() throws IOException {
    InputStream in = new UnixHttpTransport.ChunkedInputStream(bytes("2\r\nab\r\n1\r\nc\r\n0\r\n\r\n"));
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (int c = in.read(); c != -1; c = in.read()) {
      out.write(c);
    }
    assertEquals("abc", out.toString(StandardCharsets.UTF_8));
  }

  @Test
  void chunked_sourceDeliveringOneBytePerRead() throws IOException {
    InputStream in = new UnixHttpTransport.ChunkedInputStream(trickle("4\r\nlog \r\n5\r\nframe\r\n0\r\n\r\n"));
    assertEquals("log frame", utf8(in.readAllBytes()));
  }

  @Test
  void chunked_highBytes_areNotSignExtended() throws IOException {
    byte[] raw = {'2', '\r', '\n', (byte) 0xff, (byte) 0x80, '\r', '\n', '0', '\r', '\n', '\r', '\n'};
    InputStream in = new UnixHttpTransport.ChunkedInputStream(new ByteArrayInputStream(raw));
    assertEquals(0xff, in.read());
    assertEquals(0x80, in.read());
    assertEquals(-1, in.read());
  }

  @Test
  void chunked_connectionClosedInsideChunk_saysSo() {
    InputStream in = new UnixHttpTransport.ChunkedInputStream(bytes("a\r\nabc"));
    EOFException e = assertThrows(EOFException.class, in::readAllBytes);
    assertEquals("the engine closed the connection in the middle of a chunk", e.getMessage());
  }

  @Test
  void chunked_connectionClosedBeforeLastChunk_isAnError() {
    InputStream in = new UnixHttpTransport.ChunkedInputStream(bytes("3\r\nabc\r\n"));
    assertThrows(EOFException.class, in::readAllBytes, "a body without its last chunk is truncated, not complete");
  }

  // ---- bounded ----

  @Test
  void bounded_stopsAtContentLength() throws IOException {
    InputStream raw = bytes("helloworld");
    InputStream in = new UnixHttpTransport.BoundedInputStream(raw, 5);
    assertEquals("hello", utf8(in.readAllBytes()));
    assertEquals(-1, in.read());
    assertEquals("world", utf8(raw.readAllBytes()), "bytes past the body are left unread");
  }

  @Test
  void bounded_zeroLength_isEmpty() throws IOException {
    InputStream in = new UnixHttpTransport.BoundedInputStream(bytes("ignored"), 0);
    assertEquals(-1, in.read());
    assertEquals(-1, in.read(new byte[8], 0, 8));
  }

  @Test
  void bounded_singleByteReads_countDown() throws IOException {
    InputStream in = new UnixHttpTransport.BoundedInputStream(bytes("abcdef"), 3);
    assertEquals('a', in.read());
    assertEquals('b', in.read());
    assertEquals('c', in.read());
    assertEquals(-1, in.read());
  }

  @Test
  void bounded_shortSource_endsEarly() throws IOException {
    InputStream in = new UnixHttpTransport.BoundedInputStream(trickle("abc"), 10);
    assertEquals("abc", utf8(in.readAllBytes()));
  }

  // ---- readLine ----

  @Test
  void readLine_dropsCrLf() throws IOException {
    InputStream in = bytes("HTTP/1.1 200 OK\r\nA: b\nlast");
    assertEquals("HTTP/1.1 200 OK", UnixHttpTransport.readLine(in));
    assertEquals("A: b", UnixHttpTransport.readLine(in));
    assertEquals("last", UnixHttpTransport.readLine(in));
  }

  @Test
  void readLine_nothingToRead_saysNoAnswer() {
    EOFException e = assertThrows(EOFException.class, () -> UnixHttpTransport.readLine(bytes("")));
    assertEquals("the engine closed the connection without an answer", e.getMessage());
  }

  // ---- send, against a fake server ----

  @Test
  void send_getWithContentLengthAnswer() throws IOException {
    try (FakeUnixServer server = new FakeUnixServer(tmp.resolve("s.sock"),
        "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nAPI-Version: 1.41\r\nContent-Length: 11\r\n\r\n{\"a\":\"b\"}\r\nTRAILING")) {
      UnixHttpTransport t = new UnixHttpTransport(server.socket());
      try (UnixHttpTransport.Response r = t.send("GET", "/v1.41/version", null, null, 0)) {
        assertEquals(200, r.status());
        assertEquals("application/json", r.header("content-type"));
        assertEquals("1.41", r.header("Api-Version"), "header names are case-insensitive");
        assertNull(r.header("X-Missing"));
        assertEquals("{\"a\":\"b\"}\r\n", utf8(r.readAll()));
      }
      FakeUnixServer.Received got = server.received().get(0);
      assertEquals("GET /v1.41/version HTTP/1.1", got.requestLine());
      assertEquals("close", got.header("Connection"));
      assertNull(got.header("Content-Length"), "a GET without a body sends no Content-Length");
    }
  }

  @Test
  void send_chunkedAnswer_isDecoded() throws IOException {
    try (FakeUnixServer server = new FakeUnixServer(tmp.resolve("s.sock"),
        "HTTP/1.1 200 OK\r\nTransfer-Encoding: Chunked\r\n\r\n4\r\nWiki\r\n5\r\npedia\r\n0\r\n\r\n")) {
      try (UnixHttpTransport.Response r = new UnixHttpTransport(server.socket()).send("GET", "/x", null, null, 0)) {
        assertEquals("Wikipedia", utf8(r.readAll()));
      }
    }
  }

  @Test
  void send_noLength_readsUntilClose() throws IOException {
    try (FakeUnixServer server = new FakeUnixServer(tmp.resolve("s.sock"), "HTTP/1.0 200 OK\r\n\r\nuntil the end")) {
      try (UnixHttpTransport.Response r = new UnixHttpTransport(server.socket()).send("GET", "/x", null, null, 0)) {
        assertEquals("until the end", utf8(r.readAll()));
      }
    }
  }

  @Test
  void send_postWithoutBody_sendsContentLengthZero() throws IOException {
    try (FakeUnixServer server = new FakeUnixServer(tmp.resolve("s.sock"), FakeUnixServer.response(204, null, ""))) {
      try (UnixHttpTransport.Response r = new UnixHttpTransport(server.socket()).send("POST", "/containers/a/start", null, null, 0)) {
        assertEquals(204, r.status());
        assertEquals(0, r.readAll().length);
      }
      assertEquals("0", server.received().get(0).header("Content-Length"));
    }
  }

  @Test
  void send_bodyWithLength() throws IOException {
    try (FakeUnixServer server = new FakeUnixServer(tmp.resolve("s.sock"), FakeUnixServer.response(201, "application/json", "{}"))) {
      byte[] json = "{\"Image\":\"busybox\"}".getBytes(StandardCharsets.UTF_8);
      try (UnixHttpTransport.Response r = new UnixHttpTransport(server.socket())
          .send("POST", "/containers/create", "application/json", new ByteArrayInputStream(json), json.length)) {
        assertEquals(201, r.status());
      }
      FakeUnixServer.Received got = server.received().get(0);
      assertEquals("application/json", got.header("Content-Type"));
      assertEquals(Integer.toString(json.length), got.header("Content-Length"));
      assertArrayEquals(json, got.body());
    }
  }

  @Test
  void send_bodyOfUnknownLength_isSentChunked() throws IOException {
    try (FakeUnixServer server = new FakeUnixServer(tmp.resolve("s.sock"), FakeUnixServer.response(200, null, ""))) {
      byte[] tar = new byte[300_000];
      for (int i = 0; i < tar.length; i++) {
        tar[i] = (byte) (i * 31);
      }
      try (UnixHttpTransport.Response r = new UnixHttpTransport(server.socket())
          .send("POST", "/images/create?fromSrc=-", "application/x-tar", new ByteArrayInputStream(tar), -1)) {
        assertEquals(200, r.status());
      }
      FakeUnixServer.Received got = server.received().get(0);
      assertEquals("chunked", got.header("Transfer-Encoding"));
      assertNull(got.header("Content-Length"));
      assertArrayEquals(tar, got.body());
    }
  }

  @Test
  void send_malformedStatusLine_namesIt() throws IOException {
    try (FakeUnixServer server = new FakeUnixServer(tmp.resolve("s.sock"), "SSH-2.0-OpenSSH_9.6\r\n\r\n")) {
      IOException e = assertThrows(IOException.class, () -> new UnixHttpTransport(server.socket()).send("GET", "/x", null, null, 0));
      assertEquals("the engine answered with a malformed status line: SSH-2.0-OpenSSH_9.6", e.getMessage());
    }
  }

  @Test
  void send_closedWithoutAnswer_saysSo() throws IOException {
    try (FakeUnixServer server = new FakeUnixServer(tmp.resolve("s.sock"), "")) {
      EOFException e = assertThrows(EOFException.class, () -> new UnixHttpTransport(server.socket()).send("GET", "/x", null, null, 0));
      assertEquals("the engine closed the connection without an answer", e.getMessage());
    }
  }

  @Test
  void send_noSocket_failsToConnect() {
    UnixHttpTransport t = new UnixHttpTransport(tmp.resolve("missing.sock"));
    assertThrows(IOException.class, () -> t.send("GET", "/_ping", null, null, 0));
    assertFalse(tmp.resolve("missing.sock").toFile().exists());
  }

  @Test
  void socket_isTheOneGiven() {
    assertTrue(new UnixHttpTransport(tmp.resolve("a.sock")).socket().endsWith("a.sock"));
  }

  @Test
  void chunked_malformedSize_isAnIOExceptionSayingSo() {
    java.io.InputStream in = new UnixHttpTransport.ChunkedInputStream(
        new java.io.ByteArrayInputStream("zz\r\nabc\r\n".getBytes(java.nio.charset.StandardCharsets.ISO_8859_1)));
    java.io.IOException e = org.junit.jupiter.api.Assertions.assertThrows(java.io.IOException.class, in::read);
    org.junit.jupiter.api.Assertions.assertTrue(e.getMessage().contains("malformed chunk size \"zz\""), e.getMessage());
  }
}
