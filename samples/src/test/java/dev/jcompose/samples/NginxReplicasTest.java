package dev.jcompose.samples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * samples/nginx-replicas end to end: nginx in front of `deploy.replicas: 2` of a busybox httpd
 * app that answers with its host name, finding the replicas through the embedded DNS name `web`.
 * Twenty requests through nginx reach both replicas; `up -d --scale web=3` adds a third, which
 * nginx picks up without being recreated; `down` leaves no containers, bridge, veths or mounts.
 * Needs root and Debian's package archive (under a minute; the first run on a machine also makes
 * the base tarball).
 */
@Tag("root")
class NginxReplicasTest {
  private static final Pattern SERVED_BY = Pattern.compile("^served by ([0-9a-f]{12}) \\(([0-9.]+)\\)$");

  @Test
  void nginxSpreadsRequestsOverTheReplicas_andPicksUpAScaleUp() throws Exception {
    int port = DebianSample.freePort();
    String url = "http://127.0.0.1:" + port + "/";
    try (DebianSample s = DebianSample.start("jcng-", "nginx-replicas", Map.of("LB_PORT", Integer.toString(port)))) {
      JcomposeRunner.Result up = s.ok("up", "-d");
      String upLog = up.all();
      assertTrue(upLog.contains("Service web built: jc-sample/replica-web:latest"), "up builds the missing images:\n" + DebianSample.tail(upLog));
      assertTrue(upLog.contains("Service nginx built: jc-sample/nginx:latest"), "up builds the missing images:\n" + DebianSample.tail(upLog));
      assertTrue(up.stdout().contains("nginx-replicas-web-2  Started"), "two replicas:\n" + DebianSample.tail(upLog));
      List<String> webIds = DebianSample.lines(s.ok("ps", "-q", "web").stdout());
      assertEquals(2, webIds.size(), "deploy.replicas: 2");

      DebianSample.awaitOk(url);
      Set<String> two = hostnames(url, 20);
      assertEquals(hostnamesOf(webIds), two, "20 requests through nginx reach both replicas");

      String nginxId = s.ok("ps", "-q", "nginx").stdout().strip();
      JcomposeRunner.Result scaled = s.ok("up", "-d", "--scale", "web=3");
      assertTrue(scaled.stdout().contains("nginx-replicas-web-3  Started"), "a third replica:\n" + DebianSample.tail(scaled.all()));
      assertTrue(scaled.stdout().contains("nginx-replicas-nginx-1  Running"), "nginx is left running:\n" + DebianSample.tail(scaled.all()));
      assertEquals(nginxId, s.ok("ps", "-q", "nginx").stdout().strip(), "the same nginx container");
      webIds = DebianSample.lines(s.ok("ps", "-q", "web").stdout());
      assertEquals(3, webIds.size(), "--scale web=3");
      // nginx asks the embedded DNS again once its answer is a second old (resolver valid=1s)
      Set<String> want = hostnamesOf(webIds);
      Set<String> three = new TreeSet<>();
      for (int round = 0; round < 10 && !three.equals(want); round++) {
        three = hostnames(url, 30);
        Thread.sleep(500);
      }
      assertEquals(want, three, "requests through nginx reach all three replicas");

      List<String> stackLinks = HostLeaks.linksOfBridge(s.bridge("nginx-replicas_default"));
      assertEquals(5, stackLinks.size(), "the bridge and one veth per container: " + stackLinks);
      List<String> allIds = DebianSample.lines(s.ok("ps", "-a", "-q").stdout());
      s.ok("down");
      assertEquals(List.of(), DebianSample.lines(s.ok("ps", "-a", "-q").stdout()), "down removes every container");
      s.assertNothingLeft(stackLinks);
      for (String id : allIds) {
        for (String cg : HostLeaks.cgroups(id)) {
          throw new AssertionError("cgroup of " + id + " left behind: " + cg);
        }
      }
      assertEquals(null, DebianSample.get(url), "nothing answers on the published port after down");
    }
  }

  /** The distinct host names in the answers of {@code n} requests. */
  private static Set<String> hostnames(String url, int n) {
    Set<String> out = new TreeSet<>();
    for (int i = 0; i < n; i++) {
      String body = DebianSample.getOk(url).strip();
      Matcher m = SERVED_BY.matcher(body);
      assertTrue(m.matches(), "a replica's answer: " + body);
      out.add(m.group(1));
    }
    return out;
  }

  /** Container host names are the first 12 hex digits of their ids. */
  private static Set<String> hostnamesOf(List<String> ids) {
    Set<String> out = new TreeSet<>();
    ids.forEach(id -> out.add(id.substring(0, 12)));
    return out;
  }
}
