package dev.jcompose.network;

import static dev.jcompose.network.RootTestSupport.linkExists;
import static dev.jcompose.network.RootTestSupport.median;
import static dev.jcompose.network.RootTestSupport.nftTableExists;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.jcompose.linux.net.ToolNetworkStack;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * How long the driver's steps take on this host's real stack (wall clock, from the JVM, process
 * spawns included). Several rounds; the medians go to stderr and to
 * {@code target/network-timings.txt}. Asserts only that nothing is left behind.
 */
@Tag("root")
class NetworkTimingRootTest {

  private static final int ROUNDS = 7;
  private static final int CONTAINERS = 3;

  @BeforeAll
  static void rememberHostState() throws IOException {
    RootTestSupport.rememberIpForward();
  }

  @AfterAll
  static void restoreHostState() throws IOException {
    RootTestSupport.restoreIpForwardIfNoBridgeLeft();
  }

  @Test
  void measureCreateAttachPublishRemove() throws Exception {
    RootTestSupport.assumeRootAndTools();
    Map<String, List<Double>> ms = new LinkedHashMap<>();
    for (String k : List.of("createBridge", "attach (per container)", "publish (1 port)", "unpublish", "removeBridge")) {
      ms.put(k, new ArrayList<>());
    }
    for (int round = 0; round < ROUNDS; round++) {
      String id = RootTestSupport.hex(3);
      String bridge = "jctbr" + id;
      BridgeNetworkDriver driver = new BridgeNetworkDriver(ToolNetworkStack.host(), "jct" + id);
      List<NetnsProcess> containers = new ArrayList<>();
      try {
        for (int i = 0; i < CONTAINERS; i++) {
          containers.add(NetnsProcess.start());
        }
        SubnetAssignment net = RootTestSupport.freeTestSubnet(driver);
        AddressAllocator addresses = new AddressAllocator(net, List.of());

        long t = System.nanoTime();
        driver.createBridge(bridge, net.subnet(), net.gateway());
        ms.get("createBridge").add(since(t));

        Ipv4Cidr last = null;
        for (NetnsProcess c : containers) {
          Ipv4Cidr ip = addresses.allocate();
          String veth = VethNames.newHostName("jct");
          t = System.nanoTime();
          driver.attach(c.pid(), bridge, veth, "eth0", ip, net.gateway(), MacAddresses.forIp(ip.address()));
          ms.get("attach (per container)").add(since(t));
          last = ip;
        }

        int port = RootTestSupport.freeLocalPort();
        t = System.nanoTime();
        driver.publish("jct-" + id, List.of(PortMapping.tcp("127.0.0.1", port, last.address(), 80)));
        ms.get("publish (1 port)").add(since(t));

        t = System.nanoTime();
        driver.unpublish("jct-" + id);
        ms.get("unpublish").add(since(t));
      } finally {
        long t = System.nanoTime();
        driver.removeBridge(bridge);
        ms.get("removeBridge").add(since(t));
        for (NetnsProcess c : containers) {
          c.close();
        }
      }
      assertFalse(linkExists(bridge));
      assertFalse(nftTableExists("jct" + id));
    }
    StringBuilder report = new StringBuilder("network timings on this host, ms (median over " + ROUNDS + " rounds; min-max):\n");
    ms.forEach((k, v) -> report.append(String.format(Locale.ROOT, "  %-24s %7.2f   (%.2f-%.2f, n=%d)%n", k, median(v),
        v.stream().mapToDouble(Double::doubleValue).min().orElse(0), v.stream().mapToDouble(Double::doubleValue).max().orElse(0),
        v.size())));
    System.err.print(report);
    Files.writeString(Path.of("target", "network-timings.txt"), report.toString());
  }

  private static double since(long t0) {
    return (System.nanoTime() - t0) / 1e6;
  }
}
