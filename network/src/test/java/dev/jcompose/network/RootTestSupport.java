package dev.jcompose.network;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.jcompose.linux.HostCommand;
import java.io.IOException;
import java.net.HttpURLConnection;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.List;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;

/** Shared checks and helpers of the tests tagged "root". */
final class RootTestSupport {

  private static final SecureRandom RANDOM = new SecureRandom();

  private RootTestSupport() {}

  /** Skips the test, saying why, unless we are root and the tools are there. */
  static void assumeRootAndTools() {
    String uid = "";
    try {
      for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
        if (line.startsWith("Uid:")) {
          uid = line.split("\\s+")[2]; // effective uid
        }
      }
    } catch (IOException e) {
      assumeTrue(false, "cannot read /proc/self/status: " + e);
    }
    assumeTrue(uid.equals("0"), "needs root (effective uid is " + uid + ")");
    for (String tool : List.of("ip", "nft", "nsenter", "unshare", "busybox", "iptables", "iptables-restore", "sysctl")) {
      boolean found = false;
      for (String dir : System.getenv().getOrDefault("PATH", "/usr/sbin:/usr/bin:/sbin:/bin").split(":")) {
        found |= Files.isExecutable(Path.of(dir, tool));
      }
      assumeTrue(found, "needs " + tool + " on the PATH");
    }
    assumeTrue(HostCommand.runAllowingFailure(List.of("unshare", "-n", "true"), null).ok(),
        "needs CAP_SYS_ADMIN/CAP_NET_ADMIN: `unshare -n true` fails here");
  }

  static String hex(int bytes) {
    byte[] b = new byte[bytes];
    RANDOM.nextBytes(b);
    return HexFormat.of().formatHex(b);
  }

  /** A port nothing listens on right now on 127.0.0.1 (the kernel's pick). */
  static int freeLocalPort() throws IOException {
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
      return s.getLocalPort();
    }
  }

  /** GET over HTTP/1.1 from this JVM; the body, or throws. */
  /** Whether any TCP socket of this network namespace is in LISTEN on {@code port} (from /proc/net/tcp and tcp6). */
  static boolean tcpListens(int port) throws IOException {
    String hexPort = String.format(":%04X", port);
    for (String table : List.of("/proc/net/tcp", "/proc/net/tcp6")) {
      Path path = Path.of(table);
      if (!Files.exists(path)) {
        continue;
      }
      for (String line : Files.readAllLines(path)) {
        String[] f = line.trim().split("\\s+");
        if (f.length > 3 && f[1].endsWith(hexPort) && f[3].equals("0A")) {
          return true;
        }
      }
    }
    return false;
  }

  static String httpGet(String url) throws IOException {
    HttpURLConnection c = (HttpURLConnection) new URL(url).openConnection();
    c.setConnectTimeout(2000);
    c.setReadTimeout(2000);
    c.setUseCaches(false);
    try {
      if (c.getResponseCode() != 200) {
        throw new IOException(url + " answered " + c.getResponseCode());
      }
      return new String(c.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    } finally {
      c.disconnect();
    }
  }

  /**
   * {@code busybox wget -q -O - URL} under {@code timeout 3}: Debian's busybox-static 1.35 wget
   * segfaults when given its own {@code -T} timeout option.
   */
  static String[] wget(String url) {
    return new String[] {"timeout", "3", "busybox", "wget", "-q", "-O", "-", url};
  }

  static boolean waitFor(BooleanSupplier condition, long timeoutMs) throws InterruptedException {
    long deadline = System.nanoTime() + timeoutMs * 1_000_000;
    while (System.nanoTime() < deadline) {
      if (condition.getAsBoolean()) {
        return true;
      }
      Thread.sleep(5);
    }
    return condition.getAsBoolean();
  }

  static boolean linkExists(String name) {
    return Files.exists(Path.of("/sys/class/net", name));
  }

  static boolean nftTableExists(String name) {
    return HostCommand.runAllowingFailure(List.of("nft", "list", "table", "ip", name), null).ok();
  }

  static String iptablesForward() {
    return HostCommand.runAllowingFailure(List.of("iptables", "-w", "5", "-S", "FORWARD"), null).stdout();
  }

  /** A /24 inside 10.x.0.0/16 (x random) that overlaps no host route: what the allocator is for. */
  static SubnetAssignment freeTestSubnet(BridgeNetworkDriver driver) {
    int second = 100 + RANDOM.nextInt(150);
    SubnetAllocator allocator = new SubnetAllocator(List.of(AddressPool.of("10." + second + ".0.0/16", 24)));
    return allocator.allocate(List.of(), driver.hostRoutes());
  }

  private static String ipForwardBefore;

  /** Notes the host's net.ipv4.ip_forward before the first root test turns it on (createBridge does). */
  static synchronized void rememberIpForward() throws IOException {
    if (ipForwardBefore == null) {
      ipForwardBefore = Files.readString(Path.of("/proc/sys/net/ipv4/ip_forward")).strip();
    }
  }

  /**
   * Puts net.ipv4.ip_forward back as it was before our tests, unless some jc* bridge exists now
   * (an engine or another test may be relying on forwarding).
   */
  static synchronized void restoreIpForwardIfNoBridgeLeft() throws IOException {
    if (ipForwardBefore == null || !uidIsRoot()) {
      return;
    }
    try (Stream<Path> links = Files.list(Path.of("/sys/class/net"))) {
      boolean jcBridge = links.anyMatch(l -> l.getFileName().toString().startsWith("jc") && Files.isDirectory(l.resolve("bridge")));
      if (!jcBridge) {
        Files.writeString(Path.of("/proc/sys/net/ipv4/ip_forward"), ipForwardBefore);
      }
    }
  }

  private static boolean uidIsRoot() throws IOException {
    for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
      if (line.startsWith("Uid:")) {
        return line.split("\\s+")[2].equals("0");
      }
    }
    return false;
  }

  static double median(List<Double> values) {
    List<Double> s = values.stream().sorted().toList();
    int n = s.size();
    return n % 2 == 1 ? s.get(n / 2) : (s.get(n / 2 - 1) + s.get(n / 2)) / 2;
  }
}
