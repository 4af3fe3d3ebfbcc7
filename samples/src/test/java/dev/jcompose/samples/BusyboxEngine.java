package dev.jcompose.samples;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.jcompose.linux.FileTrees;
import dev.jcompose.linux.HostCommand;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * What the end-to-end tests share: a private engine state root (so no test meets another engine)
 * holding the busybox-static image, the CLI to drive it, and project folders below it. Skips the
 * test, saying why, without root, busybox-static or a built CLI and engine.
 */
final class BusyboxEngine implements AutoCloseable {
  private final Path state;
  private final JcomposeRunner jc;

  private BusyboxEngine(Path state, JcomposeRunner jc) {
    this.state = state;
    this.jc = jc;
  }

  static BusyboxEngine start(String prefix, Map<String, String> env) throws Exception {
    return start(prefix, env, List.of());
  }

  /** As {@link #start(String, Map)}, with every CLI command (and so the engine it starts) run through {@code wrapper}. */
  static BusyboxEngine start(String prefix, Map<String, String> env, List<String> wrapper) throws Exception {
    assumeTrue("root".equals(System.getProperty("user.name")), "needs root: namespaces, cgroups, bridges");
    assumeTrue(Files.isExecutable(Path.of("/bin/busybox")), "needs Debian's busybox-static for the test image");
    Path repo = Path.of(System.getProperty("user.dir")).getParent();
    assumeTrue(JcomposeRunner.built(repo), "needs the CLI and engine built (mvn package) before the samples module");
    Path state = Files.createTempDirectory(prefix);
    JcomposeRunner jc = new JcomposeRunner(state, env, wrapper);
    Path tar = state.resolve("busybox.tar");
    HostCommand.run(List.of(repo.resolve("samples/images/busybox-rootfs.sh").toString(), tar.toString()));
    jc.ok(state, "image", "import", tar.toString(), "busybox:latest");
    return new BusyboxEngine(state, jc);
  }

  Path state() {
    return state;
  }

  JcomposeRunner jc() {
    return jc;
  }

  /** A folder below the state root holding {@code compose.yaml}. */
  Path project(String name, String yaml) throws Exception {
    Path dir = Files.createDirectories(state.resolve(name));
    Files.writeString(dir.resolve("compose.yaml"), yaml);
    return dir;
  }

  /** Resets and stops the engine; deletes the state root unless something is still mounted below it. */
  @Override
  public void close() throws Exception {
    jc.run(state, "engine", "reset", "--force"); // what tests left (the default bridge that RUN steps use) goes too
    if (HostLeaks.mountsUnder(state).isEmpty()) {
      FileTrees.deleteTree(state);
    }
  }
}
