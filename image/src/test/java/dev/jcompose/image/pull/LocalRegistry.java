package dev.jcompose.image.pull;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Debian's {@code docker-registry} on 127.0.0.1 with a random free port and its own storage
 * directory, started and stopped by its PID. Tests skip (with the reason) when it or the tools
 * that build and push test images are not installed.
 */
final class LocalRegistry implements AutoCloseable {
  private final Process process;
  final String address;

  private LocalRegistry(Process process, String address) {
    this.process = process;
    this.address = address;
  }

  static void assumeToolsInstalled() {
    for (String tool : List.of("docker-registry", "skopeo", "umoci")) {
      assumeTrue(Files.isExecutable(Path.of("/usr/bin", tool)),
          tool + " is not installed (apt-get install --no-install-recommends docker-registry skopeo umoci; scripts/setup does it)");
    }
  }

  static LocalRegistry start(Path dir) throws Exception {
    int port;
    try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      port = s.getLocalPort();
    }
    String address = "127.0.0.1:" + port;
    Path config = dir.resolve("registry.yml");
    Files.writeString(config, "version: 0.1\nlog:\n  level: error\nstorage:\n  filesystem:\n    rootdirectory: "
        + dir.resolve("storage") + "\n  delete:\n    enabled: true\nhttp:\n  addr: " + address + "\n");
    Process p = new ProcessBuilder("docker-registry", "serve", config.toString())
        .redirectErrorStream(true).redirectOutput(dir.resolve("registry.log").toFile()).start();
    LocalRegistry r = new LocalRegistry(p, address);
    HttpClient http = HttpClient.newHttpClient();
    for (int i = 0; i < 100; i++) {
      try {
        if (http.send(HttpRequest.newBuilder(URI.create("http://" + address + "/v2/")).build(),
            HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
          return r;
        }
      } catch (IOException notYet) {
        // not listening yet
      }
      if (!p.isAlive()) {
        break;
      }
      Thread.sleep(50);
    }
    r.close();
    throw new IllegalStateException("docker-registry did not come up on " + address + ": " + Files.readString(dir.resolve("registry.log")));
  }

  @Override
  public void close() throws InterruptedException {
    process.destroy();
    if (!process.waitFor(5, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      process.waitFor();
    }
  }
}
