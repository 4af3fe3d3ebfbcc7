package dev.jcompose.api.client;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.Channels;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * A minimal HTTP/1.1 client over a Unix domain socket: one request per connection
 * ({@code Connection: close}), bodies by Content-Length, chunked or until EOF. Enough for the
 * engine API; no dependency beyond the JDK so the CLI starts fast.
 */
public final class UnixHttpTransport {
  private final Path socket;

  public UnixHttpTransport(Path socket) {
    this.socket = socket;
  }

  public Path socket() {
    return socket;
  }

  /** An open response whose body is read as a stream; close it to close the connection. */
  public static final class Response implements AutoCloseable {
    private final SocketChannel channel;
    private final int status;
    private final Map<String, String> headers;
    private final InputStream body;

    Response(SocketChannel channel, int status, Map<String, String> headers, InputStream body) {
      this.channel = channel;
      this.status = status;
      this.headers = headers;
      this.body = body;
    }

    public int status() {
      return status;
    }

    public String header(String name) {
      return headers.get(name.toLowerCase(Locale.ROOT));
    }

    public InputStream body() {
      return body;
    }

    public byte[] readAll() throws IOException {
      return body.readAllBytes();
    }

    @Override
    public void close() {
      try {
        channel.close();
      } catch (IOException ignored) {
        // closing a finished connection
      }
    }
  }

  /** Sends one request; the caller closes the response. */
  public Response send(String method, String pathAndQuery, String contentType, InputStream body, long bodyLength)
      throws IOException {
    SocketChannel ch = SocketChannel.open(StandardProtocolFamily.UNIX);
    try {
      ch.connect(UnixDomainSocketAddress.of(socket));
      OutputStream out = Channels.newOutputStream(ch);
      StringBuilder head = new StringBuilder()
          .append(method).append(' ').append(pathAndQuery).append(" HTTP/1.1\r\n")
          .append("Host: jcompose\r\n")
          .append("User-Agent: jcompose\r\n")
          .append("Connection: close\r\n");
      if (body != null) {
        head.append("Content-Type: ").append(contentType).append("\r\n");
        if (bodyLength >= 0) {
          head.append("Content-Length: ").append(bodyLength).append("\r\n");
        } else {
          head.append("Transfer-Encoding: chunked\r\n");
        }
      } else if (!method.equals("GET") && !method.equals("HEAD")) {
        head.append("Content-Length: 0\r\n");
      }
      head.append("\r\n");
      out.write(head.toString().getBytes(StandardCharsets.ISO_8859_1));
      if (body != null) {
        if (bodyLength >= 0) {
          body.transferTo(out);
        } else {
          writeChunked(body, out);
        }
      }
      out.flush();
      InputStream in = new BufferedInputStream(Channels.newInputStream(ch), 65536);
      String statusLine = readLine(in);
      String[] parts = statusLine.split(" ", 3);
      if (parts.length < 2 || !parts[0].startsWith("HTTP/")) {
        throw new IOException("the engine answered with a malformed status line: " + statusLine);
      }
      int status = Integer.parseInt(parts[1]);
      Map<String, String> headers = new LinkedHashMap<>();
      for (String line = readLine(in); !line.isEmpty(); line = readLine(in)) {
        int colon = line.indexOf(':');
        if (colon > 0) {
          headers.put(line.substring(0, colon).trim().toLowerCase(Locale.ROOT), line.substring(colon + 1).trim());
        }
      }
      InputStream bodyIn;
      if ("chunked".equalsIgnoreCase(headers.get("transfer-encoding"))) {
        bodyIn = new ChunkedInputStream(in);
      } else if (headers.containsKey("content-length")) {
        bodyIn = new BoundedInputStream(in, Long.parseLong(headers.get("content-length")));
      } else {
        bodyIn = in;
      }
      return new Response(ch, status, headers, bodyIn);
    } catch (IOException | RuntimeException e) {
      ch.close();
      throw e;
    }
  }

  private static void writeChunked(InputStream body, OutputStream out) throws IOException {
    byte[] buf = new byte[256 * 1024];
    int n;
    while ((n = body.read(buf)) > 0) {
      out.write((Integer.toHexString(n) + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
      out.write(buf, 0, n);
      out.write("\r\n".getBytes(StandardCharsets.ISO_8859_1));
    }
    out.write("0\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
  }

  static String readLine(InputStream in) throws IOException {
    ByteArrayOutputStream line = new ByteArrayOutputStream(64);
    int c;
    while ((c = in.read()) != -1) {
      if (c == '\n') {
        break;
      }
      if (c != '\r') {
        line.write(c);
      }
    }
    if (c == -1 && line.size() == 0) {
      throw new EOFException("the engine closed the connection without an answer");
    }
    return line.toString(StandardCharsets.ISO_8859_1);
  }

  /** Reads exactly {@code remaining} bytes. */
  static final class BoundedInputStream extends InputStream {
    private final InputStream in;
    private long remaining;

    BoundedInputStream(InputStream in, long length) {
      this.in = in;
      this.remaining = length;
    }

    @Override
    public int read() throws IOException {
      if (remaining <= 0) {
        return -1;
      }
      int c = in.read();
      if (c >= 0) {
        remaining--;
      }
      return c;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      if (remaining <= 0) {
        return -1;
      }
      int n = in.read(b, off, (int) Math.min(len, remaining));
      if (n > 0) {
        remaining -= n;
      }
      return n;
    }
  }

  /** Decodes HTTP/1.1 chunked transfer coding. */
  static final class ChunkedInputStream extends InputStream {
    private final InputStream in;
    private long chunkLeft;
    private boolean done;

    ChunkedInputStream(InputStream in) {
      this.in = in;
    }

    private boolean nextChunk() throws IOException {
      if (done) {
        return false;
      }
      if (chunkLeft == 0) {
        String size = readLine(in);
        if (size.isEmpty()) {
          size = readLine(in); // CRLF after the previous chunk
        }
        int semi = size.indexOf(';');
        String hex = (semi >= 0 ? size.substring(0, semi) : size).trim();
        try {
          chunkLeft = Long.parseLong(hex, 16);
        } catch (NumberFormatException e) {
          throw new IOException("the engine sent a malformed chunk size \"" + hex + "\"", e);
        }
        if (chunkLeft == 0) {
          done = true;
          return false;
        }
      }
      return true;
    }

    @Override
    public int read() throws IOException {
      byte[] one = new byte[1];
      int n = read(one, 0, 1);
      return n <= 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      if (!nextChunk()) {
        return -1;
      }
      int n = in.read(b, off, (int) Math.min(len, chunkLeft));
      if (n < 0) {
        throw new EOFException("the engine closed the connection in the middle of a chunk");
      }
      chunkLeft -= n;
      return n;
    }
  }
}
