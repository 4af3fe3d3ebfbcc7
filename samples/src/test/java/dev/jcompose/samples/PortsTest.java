package dev.jcompose.samples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.jcompose.linux.HostCommand;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.HttpURLConnection;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Published ports through the real CLI and engine: tcp (busybox httpd) and udp (a tiny static
 * echo server, since busybox-static has no UDP server) answer on 127.0.0.1, via DNAT with the
 * proxy holding the ports, and via the proxy alone ({@code JCOMPOSE_PORTS_DNAT=false}, which the
 * engine the CLI starts inherits); `down` frees the ports; the proxy takes its ports back after
 * an engine restart; a port a program holds is refused before the stack starts, naming the
 * program; two containers asking for one port: the second is refused, naming the first.
 * Traffic goes only to 127.0.0.1.
 */
@Tag("root")
class PortsTest {

  private static final String UDP_ECHO_C = """
      #include <netinet/in.h>
      #include <stdlib.h>
      #include <sys/socket.h>
      int main(int argc, char **argv) {
        int s = socket(AF_INET, SOCK_DGRAM, 0);
        struct sockaddr_in a = {0};
        a.sin_family = AF_INET;
        a.sin_port = htons(atoi(argv[1]));
        if (s < 0 || bind(s, (struct sockaddr *) &a, sizeof a) < 0) return 1;
        static char b[65536];
        for (;;) {
          struct sockaddr_in c;
          socklen_t l = sizeof c;
          ssize_t n = recvfrom(s, b, sizeof b, 0, (struct sockaddr *) &c, &l);
          if (n >= 0) sendto(s, b, n, 0, (struct sockaddr *) &c, l);
        }
      }
      """;

  private static final String WEB = "    image: busybox:latest\n"
      + "    command: [\"sh\", \"-c\", \"trap 'exit 0' TERM; echo hello-ports > /www/index.html; httpd -f -p 80 -h /www & wait\"]\n";
  private static final String SLEEP = "    image: busybox:latest\n"
      + "    command: [\"sh\", \"-c\", \"trap 'exit 0' TERM; sleep 3600 & wait\"]\n";

  @Test
  void tcpAndUdpAnswerOn127001_viaDnat_thenDownFreesThePorts() throws Exception {
    try (BusyboxEngine engine = BusyboxEngine.start("jcports-", Map.of())) {
      runStack(engine, false);
    }
  }

  @Test
  void tcpAndUdpAnswerOn127001_viaTheProxyAlone_andAfterAnEngineRestart() throws Exception {
    try (BusyboxEngine engine = BusyboxEngine.start("jcportsp-", Map.of("JCOMPOSE_PORTS_DNAT", "false"))) {
      runStack(engine, true);
    }
  }

  private void runStack(BusyboxEngine engine, boolean proxyOnly) throws Exception {
    Path echo = udpEcho(engine.state());
    int tcp = freePort();
    int udp = freePort();
    Path dir = engine.project("ports", "services:\n  web:\n" + WEB + "    ports: [\"127.0.0.1:" + tcp + ":80\"]\n"
        + "  echo:\n    image: busybox:latest\n    command: [\"/udp-echo\", \"5300\"]\n"
        + "    volumes: [\"" + echo + ":/udp-echo:ro\"]\n    ports: [\"127.0.0.1:" + udp + ":5300/udp\"]\n");
    JcomposeRunner jc = engine.jc();
    try {
      jc.ok(dir, "up", "-d");
      assertEquals("hello-ports\n", awaitHttp("http://127.0.0.1:" + tcp + "/"));
      assertEquals("ping", udpEcho(udp, "ping"));
      assertTrue(heldByAProcess(tcp), "the engine's proxy holds the published port");
      String chains = HostCommand.runAllowingFailure(List.of("nft", "list", "table", "ip", "jcompose"), null).stdout();
      String webId = jc.ok(dir, "ps", "-q", "web").stdout().strip();
      assertEquals(!proxyOnly, chains.contains("ports_" + webId + "_output"), "DNAT rules only when DNAT is on:\n" + chains);

      if (proxyOnly) {
        // the proxy dies with the engine and comes back with it; the container runs on meanwhile
        jc.ok(engine.state(), "engine", "stop");
        assertFalse(listens(tcp), "no engine, no proxy");
        jc.ok(dir, "ps"); // starts the engine again, which re-adopts the running containers
        assertEquals("hello-ports\n", awaitHttp("http://127.0.0.1:" + tcp + "/"));
        assertEquals("pong", udpEcho(udp, "pong"));
      }
    } finally {
      jc.run(dir, "down", "-t", "0");
    }
    assertFalse(listens(tcp), "down released the tcp port");
    try (DatagramSocket s = new DatagramSocket(new InetSocketAddress("127.0.0.1", udp))) {
      assertEquals(udp, s.getLocalPort(), "down released the udp port");
    }
  }

  @Test
  void ipv6HostAddress_andAPortRange_answer() throws Exception {
    org.junit.jupiter.api.Assumptions.assumeTrue(
        HostCommand.runAllowingFailure(List.of("ip", "-6", "addr", "show", "dev", "lo"), null).stdout().contains("::1"), "no ::1 on lo");
    try (BusyboxEngine engine = BusyboxEngine.start("jcports6-", Map.of())) {
      int v6 = freePort();
      int range = twoFreePorts();
      Path dir = engine.project("ports6", "services:\n  web:\n    image: busybox:latest\n"
          + "    command: [\"sh\", \"-c\", \"trap 'exit 0' TERM; echo eighty > /www/index.html; mkdir /w81; echo eighty-one > /w81/index.html;"
          + " httpd -f -p 80 -h /www & httpd -f -p 81 -h /w81 & wait\"]\n"
          + "    ports: [\"[::1]:" + v6 + ":80\", \"127.0.0.1:" + range + "-" + (range + 1) + ":80-81\"]\n");
      JcomposeRunner jc = engine.jc();
      try {
        jc.ok(dir, "up", "-d");
        assertEquals("eighty\n", awaitHttp("http://[::1]:" + v6 + "/"));
        assertEquals("eighty\n", awaitHttp("http://127.0.0.1:" + range + "/"));
        assertEquals("eighty-one\n", awaitHttp("http://127.0.0.1:" + (range + 1) + "/"));
        String ps = jc.ok(dir, "ps").stdout();
        assertTrue(ps.contains("[::1]:" + v6 + "->80/tcp") && ps.contains("127.0.0.1:" + (range + 1) + "->81/tcp"), ps);
        assertEquals("127.0.0.1:" + (range + 1), jc.ok(dir, "port", "web", "81").stdout().strip());
      } finally {
        jc.run(dir, "down", "-t", "0");
      }
      assertFalse(listens(v6) || listens(range) || listens(range + 1), "down released the ports");
    }
  }

  @Test
  void takenPort_refusedBeforeAnythingStarts_namingItsHolder_andASecondContainerOnOnePortToo() throws Exception {
    try (BusyboxEngine engine = BusyboxEngine.start("jcportst-", Map.of())) {
      JcomposeRunner jc = engine.jc();
      int port = freePort();
      Process holder = new ProcessBuilder("busybox", "nc", "-l", "-p", Integer.toString(port))
          .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
      // worker depends on api: the CLI creates api first, and the engine refuses it at create
      Path dir = engine.project("taken", "services:\n  api:\n" + WEB + "    ports: [\"127.0.0.1:" + port + ":80\"]\n"
          + "  worker:\n" + SLEEP + "    depends_on: [api]\n");
      try {
        awaitListening(port);
        JcomposeRunner.Result up = jc.run(dir, "up", "-d");
        assertNotEquals(0, up.exitCode(), up.all());
        assertTrue(up.all().contains("Tried to publish 127.0.0.1:" + port + "->80/tcp for container taken-api-1 but the port is taken by pid "
            + holder.pid() + " (busybox). Stop it or choose another host port in ports:"), up.all());
        String running = jc.ok(dir, "ps", "-q").stdout().strip();
        assertEquals("", running, "nothing of the stack runs; `up` printed:\n" + up.all());
        String api = jc.ok(dir, "ps", "-a", "-q", "api").stdout().strip();
        assertEquals("", api, "the refused container was not even created; `up` printed:\n" + up.all());
      } finally {
        holder.destroyForcibly();
        holder.waitFor(5, TimeUnit.SECONDS);
        jc.run(dir, "down", "-t", "0");
      }

      int shared = freePort();
      Path two = engine.project("twice", "services:\n  a:\n" + WEB + "    ports: [\"127.0.0.1:" + shared + ":80\"]\n"
          + "  b:\n" + WEB + "    ports: [\"" + shared + ":80\"]\n    depends_on: [a]\n");
      try {
        JcomposeRunner.Result up = jc.run(two, "up", "-d");
        assertNotEquals(0, up.exitCode(), up.all());
        assertTrue(up.all().contains("Tried to publish 0.0.0.0:" + shared + "->80/tcp for container twice-b-1 but the port is taken by"
            + " container twice-a-1"), up.all());
        assertEquals("hello-ports\n", awaitHttp("http://127.0.0.1:" + shared + "/"), "a keeps its port");
      } finally {
        jc.run(two, "down", "-t", "0");
      }
      assertFalse(listens(shared));
    }
  }

  /**
   * The same with two independent services: the CLI creates every container before it starts
   * any, as docker compose does, so api's refusal at create leaves worker created but not started.
   */
  @Test
  void takenPort_independentServices_nothingStarts() throws Exception {
    try (BusyboxEngine engine = BusyboxEngine.start("jcportsi-", Map.of())) {
      JcomposeRunner jc = engine.jc();
      int port = freePort();
      Process holder = new ProcessBuilder("busybox", "nc", "-l", "-p", Integer.toString(port))
          .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
      Path dir = engine.project("indep", "services:\n  api:\n" + WEB + "    ports: [\"127.0.0.1:" + port + ":80\"]\n"
          + "  worker:\n" + SLEEP);
      try {
        awaitListening(port);
        JcomposeRunner.Result up = jc.run(dir, "up", "-d");
        assertNotEquals(0, up.exitCode(), up.all());
        assertEquals("", jc.ok(dir, "ps", "-q").stdout().strip(), "nothing of the stack runs; `up` printed:\n" + up.all());
      } finally {
        holder.destroyForcibly();
        holder.waitFor(5, TimeUnit.SECONDS);
        jc.run(dir, "down", "-t", "0");
      }
    }
  }

  // ---------------------------------------------------------------------------------- helpers

  private static Path udpEcho(Path dir) throws IOException {
    assumeTrue(HostCommand.runAllowingFailure(List.of("cc", "--version"), null).ok(), "needs a C compiler for the UDP echo server");
    Path src = dir.resolve("udp-echo.c");
    Path bin = dir.resolve("udp-echo");
    Files.writeString(src, UDP_ECHO_C);
    HostCommand.run(List.of("cc", "-static", "-O2", "-o", bin.toString(), src.toString()));
    return bin;
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
      return s.getLocalPort();
    }
  }

  /** Two consecutive free ports on 127.0.0.1; the first is returned. */
  private static int twoFreePorts() throws IOException {
    for (int i = 0; i < 50; i++) {
      int p = freePort();
      if (p < 65535 && !heldByAProcess(p + 1)) {
        return p;
      }
    }
    throw new IOException("no two consecutive free ports on 127.0.0.1");
  }

  /** Whether a TCP socket of this network namespace is in LISTEN on {@code port} (/proc/net/tcp and tcp6). */
  private static boolean listens(int port) throws IOException {
    String hexPort = String.format(":%04X", port);
    for (String table : List.of("/proc/net/tcp", "/proc/net/tcp6")) {
      for (String line : java.nio.file.Files.readAllLines(Path.of(table))) {
        String[] f = line.trim().split("\\s+");
        if (f.length > 3 && f[1].endsWith(hexPort) && f[3].equals("0A")) {
          return true;
        }
      }
    }
    return false;
  }

  /** Whether binding 127.0.0.1:port for TCP fails (a socket of some process has it). */
  private static boolean heldByAProcess(int port) {
    try (ServerSocket s = new ServerSocket()) {
      s.setReuseAddress(true);
      s.bind(new InetSocketAddress("127.0.0.1", port));
      return false;
    } catch (IOException e) {
      return true;
    }
  }

  private static void awaitListening(int port) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
    while (!heldByAProcess(port) && System.nanoTime() < deadline) {
      Thread.sleep(10);
    }
  }

  private static String awaitHttp(String url) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    IOException last = null;
    while (System.nanoTime() < deadline) {
      try {
        HttpURLConnection c = (HttpURLConnection) new URL(url).openConnection();
        c.setConnectTimeout(2000);
        c.setReadTimeout(2000);
        try {
          return new String(c.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        } finally {
          c.disconnect();
        }
      } catch (IOException e) {
        last = e;
        Thread.sleep(100);
      }
    }
    throw new AssertionError(url + " did not answer within 10 s", last);
  }

  private static String udpEcho(int port, String text) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    try (DatagramSocket s = new DatagramSocket(new InetSocketAddress("127.0.0.1", 0))) {
      s.setSoTimeout(500);
      byte[] out = text.getBytes(StandardCharsets.UTF_8);
      while (true) {
        s.send(new DatagramPacket(out, out.length, InetAddress.getByName("127.0.0.1"), port));
        DatagramPacket p = new DatagramPacket(new byte[512], 512);
        try {
          s.receive(p);
          return new String(p.getData(), 0, p.getLength(), StandardCharsets.UTF_8);
        } catch (java.net.SocketTimeoutException e) {
          if (System.nanoTime() > deadline) {
            throw new AssertionError("no UDP echo through 127.0.0.1:" + port + " within 10 s");
          }
        }
      }
    }
  }
}
