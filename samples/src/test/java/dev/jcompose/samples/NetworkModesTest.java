package dev.jcompose.samples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jcompose.api.client.EngineApiException;
import dev.jcompose.api.client.EngineClient;
import dev.jcompose.api.model.ContainerInspect;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Shared namespaces and resolver settings through the real CLI: a sidecar with
 * {@code network_mode: service:web} (and {@code ipc}/{@code pid: service:web}) reaches web's
 * server on 127.0.0.1 and has its address, hostname and namespaces; {@code container:NAME} does the
 * same; {@code dns_search}/{@code dns_opt} reach resolv.conf; a {@code links} alias and an explicit
 * {@code hostname} resolve; {@code ipc}/{@code pid: host} are the host's; when the owner stops its
 * veth goes and a joiner keeps only {@code lo}; joining a stopped container fails with Docker's
 * message; {@code down} leaves nothing behind (the orphans of a shared pid namespace included).
 */
@Tag("root")
class NetworkModesTest {
  private static final String SLEEP = "    image: busybox:latest\n"
      + "    command: [\"sh\", \"-c\", \"trap 'exit 0' TERM; sleep 3600 & wait\"]\n";
  private static final String YAML = "services:\n"
      + "  web:\n    image: busybox:latest\n    ipc: shareable\n"
      + "    command: [\"sh\", \"-c\", \"mkdir -p /www && echo web-page > /www/index.html && exec httpd -f -p 8080 -h /www\"]\n"
      + "  sidecar:\n" + SLEEP + "    network_mode: service:web\n    ipc: service:web\n    pid: service:web\n"
      + "  joined:\n" + SLEEP + "    network_mode: container:netmodes-web-1\n    depends_on: [web]\n"
      + "  named:\n" + SLEEP + "    hostname: named-host\n"
      + "  client:\n" + SLEEP + "    links: [\"web:frontend\"]\n"
      + "  tuned:\n" + SLEEP + "    dns_search: [example.test]\n    dns_opt: [\"ndots:2\", \"timeout:1\"]\n"
      + "  hostns:\n" + SLEEP + "    ipc: host\n    pid: host\n";

  @Test
  void sharedNamespacesResolverSettingsAndNoLeaks() throws Exception {
    try (BusyboxEngine e = BusyboxEngine.start("jcnetmodes-", Map.of())) {
      JcomposeRunner jc = e.jc();
      Path dir = e.project("netmodes", YAML);
      List<String> ids = new ArrayList<>();
      List<Long> pids = new ArrayList<>();
      List<String> stackLinks = List.of();
      try {
        jc.ok(dir, "up", "-d");
        EngineClient engine = new EngineClient(jc.socket());
        for (String s : List.of("web", "sidecar", "joined", "named", "client", "tuned", "hostns")) {
          ContainerInspect c = engine.inspectContainer("netmodes-" + s + "-1");
          ids.add(c.id());
          pids.add(c.state().pid());
        }
        stackLinks = HostLeaks.linksOfBridge(engine.inspectNetwork("netmodes_default").options().get("com.docker.network.bridge.name"));
        assertEquals(6, stackLinks.size(), "the bridge and a veth for web, named, client, tuned and hostns only: " + stackLinks);

        // one exec per container (each is a CLI run): eth0 address, hostname, net/ipc/pid namespaces, /etc/hosts digest
        String probe = "ip -o -4 addr show dev eth0 | awk '{print $4}'; hostname;"
            + " for n in net ipc pid; do readlink /proc/self/ns/$n; done; md5sum /etc/hosts | cut -d' ' -f1";
        List<String> web = sh(jc, dir, "web", probe).lines().toList();
        String webAddr = web.get(0);
        assertTrue(webAddr.matches("[0-9.]+/[0-9]+"), web.toString());
        for (String joiner : List.of("sidecar", "joined")) {
          assertEquals("web-page", eventually(() -> sh(jc, dir, joiner, "wget -qO- http://127.0.0.1:8080/")), joiner);
          List<String> seen = sh(jc, dir, joiner, probe).lines().toList();
          assertEquals(webAddr, seen.get(0), joiner + " has web's eth0");
          assertEquals(web.get(1), seen.get(1), joiner + " has web's hostname");
          assertEquals(web.get(2), seen.get(2), joiner + " is in web's network namespace");
          assertEquals(web.get(5), seen.get(5), joiner + " sees web's /etc/hosts");
          if (joiner.equals("sidecar")) {
            assertEquals(web.subList(3, 5), seen.subList(3, 5), "ipc and pid: service:web share web's ipc and pid namespaces");
          } else {
            assertNotEquals(web.get(3), seen.get(3), "joined shares only the network namespace");
          }
        }
        assertTrue(sh(jc, dir, "sidecar", "ps -o args").contains("httpd"), "pid: service:web sees web's processes");
        assertEquals(hostNamespaces(), sh(jc, dir, "hostns", "readlink /proc/self/ns/ipc; readlink /proc/self/ns/pid").lines().toList(),
            "ipc: host and pid: host");

        String resolv = sh(jc, dir, "tuned", "cat /etc/resolv.conf");
        assertTrue(resolv.contains("search example.test"), resolv);
        assertTrue(resolv.contains("options ndots:2 timeout:1"), resolv);
        String webIp = webAddr.split("/")[0];
        assertEquals(List.of(webIp), addresses(jc.run(dir, "exec", "-T", "client", "nslookup", "frontend").stdout()), "link alias");
        assertTrue(addresses(jc.run(dir, "exec", "-T", "named", "nslookup", "frontend").stdout()).isEmpty(),
            "a link alias is the linking container's only");
        String namedIp = sh(jc, dir, "named", "ip -o -4 addr show dev eth0 | awk '{print $4}'").split("/")[0];
        assertEquals(List.of(namedIp), addresses(jc.run(dir, "exec", "-T", "client", "nslookup", "named-host").stdout()), "hostname");

        // the owner stops under a running joiner: its veth goes at once, the joiner keeps a namespace with only lo (as Docker)
        String bridge = stackLinks.get(0);
        // through the engine: the CLI's stop/start of web would take its dependents along, as Compose does
        engine.stopContainer("netmodes-sidecar-1", 1);
        engine.stopContainer("netmodes-web-1", 1);
        assertEquals(5, HostLeaks.linksOfBridge(bridge).size(), "web's veth is deleted although joined keeps the namespace");
        assertEquals("lo", sh(jc, dir, "joined", "ls /sys/class/net | tr '\\n' ' '").strip());
        engine.stopContainer("netmodes-joined-1", 1);
        EngineApiException refused = assertThrows(EngineApiException.class, () -> engine.startContainer("netmodes-joined-1"));
        assertTrue(refused.getMessage().contains("cannot join network of a non running container: netmodes-web-1"), refused.getMessage());
        engine.startContainer("netmodes-web-1");
        engine.startContainer("netmodes-joined-1");
        assertEquals("web-page", eventually(() -> sh(jc, dir, "joined", "wget -qO- http://127.0.0.1:8080/")), "after web restarted");

        jc.ok(dir, "down", "-t", "1");
        for (long p : pids) {
          assertFalse(HostLeaks.alive(p), "container process " + p + " still runs after down");
        }
        List<String> links = stackLinks;
        assertEquals(List.of(), eventually(() -> {
          List<String> left = HostLeaks.links("").stream().filter(links::contains).toList();
          return left.isEmpty() ? left : null;
        }), "bridge/veths of the stack left on the host");
        assertEquals(List.of(), HostLeaks.mountsUnder(e.state()));
        for (String id : ids) {
          assertEquals(List.of(), HostLeaks.cgroups(id), "cgroups of " + id + " left behind");
        }
      } finally {
        jc.run(dir, "down", "-t", "0");
      }
    }
  }

  private static List<String> hostNamespaces() throws IOException {
    return List.of(java.nio.file.Files.readSymbolicLink(Path.of("/proc/self/ns/ipc")).toString(),
        java.nio.file.Files.readSymbolicLink(Path.of("/proc/self/ns/pid")).toString());
  }

  private static String sh(JcomposeRunner jc, Path dir, String service, String script) throws IOException, InterruptedException {
    return jc.ok(dir, "exec", "-T", service, "sh", "-c", script).stdout().strip();
  }

  interface Attempt<T> {
    T get() throws Exception;
  }

  private static <T> T eventually(Attempt<T> a) throws Exception {
    long deadline = System.nanoTime() + 10_000_000_000L;
    while (true) {
      try {
        T v = a.get();
        if (v != null) {
          return v;
        }
      } catch (Exception | AssertionError ex) {
        if (System.nanoTime() > deadline) {
          throw ex;
        }
      }
      if (System.nanoTime() > deadline) {
        return null;
      }
      Thread.sleep(100);
    }
  }

  /** The answer addresses of busybox nslookup's output (after the "Name:" line, skipping the server's). */
  private static List<String> addresses(String nslookup) {
    int name = nslookup.indexOf("Name:");
    if (name < 0) {
      return List.of();
    }
    Matcher m = Pattern.compile("Address(?: \\d+)?:\\s*([0-9.]+)").matcher(nslookup.substring(name));
    List<String> out = new ArrayList<>();
    while (m.find()) {
      out.add(m.group(1));
    }
    return out;
  }
}
