package dev.jcompose.network.proxy;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jcompose.network.Ipv4Address;
import dev.jcompose.network.NetworkException;
import dev.jcompose.network.PortMapping;
import java.io.IOException;
import java.io.InputStream;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The proxy without root: published on 127.0.0.1, forwarding to servers of this test on
 * 127.0.0.1 (standing in for a container's address).
 */
class PortProxyTest {

  private static final Ipv4Address LOOPBACK = Ipv4Address.parse("127.0.0.1");
  private PortProxy proxy;

  @BeforeEach
  void setUp() {
    proxy = PortProxy.start(true, Duration.ofSeconds(5));
  }

  @AfterEach
  void tearDown() {
    proxy.close();
  }

  @Test
  void tcp_bigUploadAndAnswerAfterHalfClose_arriveWhole() throws Exception {
    byte[] data = new byte[8 << 20];
    new Random(1).nextBytes(data);
    try (ServerSocket backend = new ServerSocket(0, 5, java.net.InetAddress.getByName("127.0.0.1"))) {
      // the "container": reads everything until the client's FIN, then answers with the byte count
      Thread server = new Thread(() -> {
        try (Socket s = backend.accept()) {
          long n = s.getInputStream().transferTo(OutputStreamSink.INSTANCE);
          s.getOutputStream().write(("got " + n).getBytes(StandardCharsets.US_ASCII));
        } catch (IOException e) {
          throw new RuntimeException(e);
        }
      });
      server.start();
      try (ProxiedPort p = proxy.open("t", PortMapping.tcp("127.0.0.1", 0, LOOPBACK, backend.getLocalPort()));
          Socket client = new Socket("127.0.0.1", p.hostPort())) {
        client.setSoTimeout(10_000);
        client.getOutputStream().write(data);
        client.shutdownOutput();
        InputStream in = client.getInputStream();
        assertEquals("got " + data.length, new String(in.readAllBytes(), StandardCharsets.US_ASCII));
        assertEquals(1, p.proxiedConnections());
      }
      server.join(10_000);
    }
  }

  @Test
  void tcp_echoBothWays() throws Exception {
    try (ServerSocket backend = new ServerSocket(0, 5, java.net.InetAddress.getByName("127.0.0.1"))) {
      Thread server = new Thread(() -> {
        try (Socket s = backend.accept()) {
          s.getInputStream().transferTo(s.getOutputStream());
        } catch (IOException e) {
          // the client went away
        }
      });
      server.start();
      try (ProxiedPort p = proxy.open("t", PortMapping.tcp("127.0.0.1", 0, LOOPBACK, backend.getLocalPort()));
          Socket client = new Socket("127.0.0.1", p.hostPort())) {
        client.setSoTimeout(5000);
        byte[] msg = "hello".getBytes(StandardCharsets.US_ASCII);
        client.getOutputStream().write(msg);
        assertArrayEquals(msg, client.getInputStream().readNBytes(msg.length));
      }
      server.join(5000);
    }
  }

  @Test
  void tcp_containerRefuses_clientIsClosed() throws Exception {
    int closed;
    try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getByName("127.0.0.1"))) {
      closed = s.getLocalPort();
    }
    try (ProxiedPort p = proxy.open("t", PortMapping.tcp("127.0.0.1", 0, LOOPBACK, closed));
        Socket client = new Socket("127.0.0.1", p.hostPort())) {
      client.setSoTimeout(5000);
      assertEquals(-1, client.getInputStream().read());
    }
  }

  @Test
  void udp_answersComeBackFromThePublishedPort() throws Exception {
    try (DatagramSocket backend = new DatagramSocket(new InetSocketAddress("127.0.0.1", 0));
        ProxiedPort p = proxy.open("u", PortMapping.udp("127.0.0.1", 0, LOOPBACK, backend.getLocalPort()));
        DatagramSocket client = new DatagramSocket(new InetSocketAddress("127.0.0.1", 0))) {
      client.setSoTimeout(5000);
      backend.setSoTimeout(5000);
      byte[] q = "query".getBytes(StandardCharsets.US_ASCII);
      client.send(new DatagramPacket(q, q.length, new InetSocketAddress("127.0.0.1", p.hostPort())));
      DatagramPacket got = new DatagramPacket(new byte[100], 100);
      backend.receive(got);
      assertEquals("query", new String(got.getData(), 0, got.getLength(), StandardCharsets.US_ASCII));
      byte[] a = "answer".getBytes(StandardCharsets.US_ASCII);
      backend.send(new DatagramPacket(a, a.length, got.getSocketAddress()));
      DatagramPacket back = new DatagramPacket(new byte[100], 100);
      client.receive(back);
      assertEquals("answer", new String(back.getData(), 0, back.getLength(), StandardCharsets.US_ASCII));
      assertEquals(p.hostPort(), back.getPort());
    }
  }

  @Test
  void open_samePortTwice_conflictNamesThisProcess() {
    try (ProxiedPort p = proxy.open("a", PortMapping.tcp("127.0.0.1", 0, LOOPBACK, 80))) {
      NetworkException e = assertThrows(NetworkException.class, () -> proxy.open("b", PortMapping.tcp("127.0.0.1", p.hostPort(), LOOPBACK, 80)));
      assertEquals(NetworkException.Kind.CONFLICT, e.kind());
      assertTrue(e.getMessage().startsWith("Tried to publish 127.0.0.1:" + p.hostPort() + "->80/tcp for container b but the port is taken by pid "
          + ProcessHandle.current().pid() + " ("), e.getMessage());
      assertTrue(e.getMessage().endsWith(". Stop it or choose another host port in ports:"), e.getMessage());
      assertTrue(proxy.probe("b", PortMapping.tcp("127.0.0.1", p.hostPort(), LOOPBACK, 80)).isPresent());
    }
  }

  @Test
  void probe_freePort_empty() throws IOException {
    int free;
    try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getByName("127.0.0.1"))) {
      free = s.getLocalPort();
    }
    assertTrue(proxy.probe("a", PortMapping.tcp("127.0.0.1", free, LOOPBACK, 80)).isEmpty());
    assertTrue(proxy.probe("a", PortMapping.udp("127.0.0.1", free, LOOPBACK, 80)).isEmpty());
  }

  /** Counts and drops. */
  private static final class OutputStreamSink extends java.io.OutputStream {
    static final OutputStreamSink INSTANCE = new OutputStreamSink();

    @Override
    public void write(int b) {}

    @Override
    public void write(byte[] b, int off, int len) {}
  }
}
