package dev.jcompose.samples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.jcompose.linux.FileTrees;
import dev.jcompose.linux.HostCommand;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The embedded DNS through the real CLI: a service name resolves to all its replicas, an alias
 * on a second network resolves to its static address, and a container not on that network
 * cannot resolve it; another project cannot resolve the first one's names.
 */
@Tag("root")
class DnsTest {
  private static final String SLEEP = "    image: busybox:latest\n"
      + "    command: [\"sh\", \"-c\", \"trap 'exit 0' TERM; sleep 3600 & wait\"]\n";

  @Test
  void namesResolveWithinTheirNetworksOnly() throws Exception {
    assumeTrue("root".equals(System.getProperty("user.name")), "needs root: namespaces, cgroups, bridges");
    assumeTrue(Files.isExecutable(Path.of("/bin/busybox")), "needs Debian's busybox-static for the test image");
    Path repo = Path.of(System.getProperty("user.dir")).getParent();
    assumeTrue(JcomposeRunner.built(repo), "needs the CLI and engine built (mvn package) before the samples module");
    Path state = Files.createTempDirectory("jcdns-");
    JcomposeRunner jc = new JcomposeRunner(state, Map.of());
    Path one = Files.createDirectories(state.resolve("one"));
    Path two = Files.createDirectories(state.resolve("two"));
    Files.writeString(one.resolve("compose.yaml"), "services:\n  web:\n" + SLEEP + "    scale: 2\n"
        + "  client:\n" + SLEEP + "    networks: [default, back]\n"
        + "  db:\n" + SLEEP + "    networks:\n      back:\n        aliases: [database]\n        ipv4_address: 10.201.5.50\n"
        + "networks:\n  back:\n    ipam:\n      config:\n        - subnet: 10.201.5.0/24\n");
    Files.writeString(two.resolve("compose.yaml"), "services:\n  other:\n" + SLEEP);
    try {
      Path tar = state.resolve("busybox.tar");
      HostCommand.run(List.of(repo.resolve("samples/images/busybox-rootfs.sh").toString(), tar.toString()));
      jc.ok(state, "image", "import", tar.toString(), "busybox:latest");
      jc.ok(one, "up", "-d");
      jc.ok(two, "up", "-d");

      String web = jc.ok(one, "exec", "-T", "client", "nslookup", "web").stdout();
      assertEquals(2, addresses(web).size(), "both replicas of web: " + web);
      String db = jc.ok(one, "exec", "-T", "client", "nslookup", "database").stdout();
      assertEquals(List.of("10.201.5.50"), addresses(db), db);
      JcomposeRunner.Result fromWeb = jc.run(one, "exec", "-T", "web", "nslookup", "database");
      assertTrue(addresses(fromWeb.stdout()).isEmpty(), "web is not on the back network: " + fromWeb.all());
      JcomposeRunner.Result otherProject = jc.run(two, "exec", "-T", "other", "nslookup", "web");
      assertTrue(addresses(otherProject.stdout()).isEmpty(), "another project cannot resolve web: " + otherProject.all());
    } finally {
      jc.run(one, "down", "-t", "0");
      jc.run(two, "down", "-t", "0");
      jc.run(state, "engine", "stop");
      if (HostLeaks.mountsUnder(state).isEmpty()) {
        FileTrees.deleteTree(state);
      }
    }
  }

  /** The answer addresses of busybox nslookup's output (after the "Name:" line, skipping the server's). */
  private static List<String> addresses(String nslookup) {
    int name = nslookup.indexOf("Name:");
    if (name < 0) {
      return List.of();
    }
    Matcher m = Pattern.compile("Address(?: \\d+)?:\\s*([0-9.]+)").matcher(nslookup.substring(name));
    List<String> out = new java.util.ArrayList<>();
    while (m.find()) {
      out.add(m.group(1));
    }
    return out;
  }
}
