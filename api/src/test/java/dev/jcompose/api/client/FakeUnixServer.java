package dev.jcompose.api.client;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.Channels;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.List;
import java.util.Locale;

/**
 * A one-connection-at-a-time HTTP server on a Unix socket that answers each request with the
 * next canned response (raw bytes) and records what it received. For testing the client alone.
 */
final class FakeUnixServer implements AutoCloseable {
  /** What the server received: the request head and its decoded body. */
  record Received(String head, byte[] body) {
    String requestLine() {
      return head.substring(0, head.indexOf("\r\n"));
    }

    String header(String name) {
      for (String line : head.split("\r\n")) {
        int colon = line.indexOf(':');
        if (colon > 0 && line.substring(0, colon).trim().equalsIgnoreCase(name)) {
          return line.substring(colon + 1).trim();
        }
      }
      return null;
    }
  }

  private final Path socket;
  private final ServerSocketChannel server;
  private final Deque<byte[]> responses = new ArrayDeque<>();
  private final List<Received> received = Collections.synchronizedList(new ArrayList<>());
  private final Thread thread;

  FakeUnixServer(Path socket, String... rawResponses) throws IOException {
    this.socket = socket;
    for (String r : rawResponses) {
      responses.add(r.getBytes(StandardCharsets.ISO_8859_1));
    }
    Files.deleteIfExists(socket);
    server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
    server.bind(UnixDomainSocketAddress.of(socket));
    thread = new Thread(this::serve, "fake-engine");
    thread.setDaemon(true);
    thread.start();
  }

  Path socket() {
    return socket;
  }

  List<Received> received() {
    return received;
  }

  private void serve() {
    while (true) {
      byte[] response;
      synchronized (responses) {
        response = responses.poll();
      }
      if (response == null) {
        return;
      }
      try (SocketChannel ch = server.accept()) {
        InputStream in = Channels.newInputStream(ch);
        String head = readHead(in);
        byte[] body = readBody(in, head);
        received.add(new Received(head, body));
        OutputStream out = Channels.newOutputStream(ch);
        out.write(response);
        out.flush();
      } catch (IOException e) {
        return; // closed
      }
    }
  }

  private static String readHead(InputStream in) throws IOException {
    ByteArrayOutputStream head = new ByteArrayOutputStream();
    int matched = 0;
    byte[] end = {'\r', '\n', '\r', '\n'};
    while (matched < 4) {
      int c = in.read();
      if (c < 0) {
        throw new IOException("client closed before the end of the request head");
      }
      head.write(c);
      matched = c == end[matched] ? matched + 1 : (c == '\r' ? 1 : 0);
    }
    return head.toString(StandardCharsets.ISO_8859_1);
  }

  private static byte[] readBody(InputStream in, String head) throws IOException {
    Received r = new Received(head, null);
    String length = r.header("Content-Length");
    if (length != null) {
      return in.readNBytes(Integer.parseInt(length));
    }
    if ("chunked".equalsIgnoreCase(r.header("Transfer-Encoding"))) {
      return new UnixHttpTransport.ChunkedInputStream(in).readAllBytes();
    }
    return new byte[0];
  }

  @Override
  public void close() throws IOException {
    server.close();
    try {
      thread.join(2000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    Files.deleteIfExists(socket);
  }

  /** A complete response with a Content-Length body. */
  static String response(int status, String contentType, String body) {
    byte[] b = body.getBytes(StandardCharsets.UTF_8);
    return "HTTP/1.1 " + status + " " + reason(status) + "\r\n"
        + (contentType == null ? "" : "Content-Type: " + contentType + "\r\n")
        + "Content-Length: " + b.length + "\r\n\r\n" + new String(b, StandardCharsets.ISO_8859_1);
  }

  private static String reason(int status) {
    return switch (status) {
      case 200 -> "OK";
      case 204 -> "No Content";
      case 304 -> "Not Modified";
      case 404 -> "Not Found";
      case 409 -> "Conflict";
      case 500 -> "Internal Server Error";
      default -> "Status".toUpperCase(Locale.ROOT);
    };
  }
}
