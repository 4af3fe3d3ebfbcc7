package dev.jcompose.cli.engine;

import java.nio.file.Path;
import java.util.Map;

/**
 * Where the engine keeps its state and listens: {@code --root}/{@code JCOMPOSE_ROOT} (default
 * /var/lib/jcompose) and {@code JCOMPOSE_SOCKET} (default /run/jcompose/engine.sock). A test or a
 * second installation uses its own pair and never meets the default engine.
 */
public record EngineLocation(Path root, Path socket) {
  public static final Path DEFAULT_ROOT = Path.of("/var/lib/jcompose");
  public static final Path DEFAULT_SOCKET = Path.of("/run/jcompose/engine.sock");

  public static EngineLocation resolve(Path rootOption, Map<String, String> env) {
    Path root = rootOption != null ? rootOption
        : env.containsKey("JCOMPOSE_ROOT") ? Path.of(env.get("JCOMPOSE_ROOT")) : DEFAULT_ROOT;
    Path socket = env.containsKey("JCOMPOSE_SOCKET") ? Path.of(env.get("JCOMPOSE_SOCKET"))
        : root.equals(DEFAULT_ROOT) ? DEFAULT_SOCKET : root.resolve("engine.sock");
    return new EngineLocation(root.toAbsolutePath(), socket.toAbsolutePath());
  }

  public Path pidFile() {
    return socket.resolveSibling("engine.pid");
  }

  public Path logFile() {
    return root.resolve("engine.log");
  }
}
