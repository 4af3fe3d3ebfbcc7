package dev.jcompose.cli.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EngineLocationTest {

  @Test
  void resolve_defaults() {
    EngineLocation loc = EngineLocation.resolve(null, Map.of());
    assertEquals(Path.of("/var/lib/jcompose"), loc.root());
    assertEquals(Path.of("/run/jcompose/engine.sock"), loc.socket());
    assertEquals(Path.of("/run/jcompose/engine.pid"), loc.pidFile());
    assertEquals(Path.of("/var/lib/jcompose/engine.log"), loc.logFile());
  }

  @Test
  void resolve_rootFromEnvironment_socketInsideIt() {
    EngineLocation loc = EngineLocation.resolve(null, Map.of("JCOMPOSE_ROOT", "/tmp/jc-test"));
    assertEquals(Path.of("/tmp/jc-test"), loc.root());
    assertEquals(Path.of("/tmp/jc-test/engine.sock"), loc.socket());
    assertEquals(Path.of("/tmp/jc-test/engine.pid"), loc.pidFile());
  }

  @Test
  void resolve_rootOptionBeatsEnvironment() {
    EngineLocation loc = EngineLocation.resolve(Path.of("/opt/jc"), Map.of("JCOMPOSE_ROOT", "/tmp/jc-test"));
    assertEquals(Path.of("/opt/jc"), loc.root());
    assertEquals(Path.of("/opt/jc/engine.sock"), loc.socket());
  }

  @Test
  void resolve_socketFromEnvironment() {
    EngineLocation loc = EngineLocation.resolve(Path.of("/opt/jc"), Map.of("JCOMPOSE_SOCKET", "/run/other/api.sock"));
    assertEquals(Path.of("/opt/jc"), loc.root());
    assertEquals(Path.of("/run/other/api.sock"), loc.socket());
    assertEquals(Path.of("/run/other/engine.pid"), loc.pidFile());
  }

  @Test
  void resolve_defaultRootGivenExplicitly_keepsDefaultSocket() {
    EngineLocation loc = EngineLocation.resolve(Path.of("/var/lib/jcompose"), Map.of());
    assertEquals(EngineLocation.DEFAULT_SOCKET, loc.socket());
  }

  @Test
  void resolve_relativePaths_becomeAbsolute() {
    EngineLocation loc = EngineLocation.resolve(Path.of("state"), Map.of());
    assertTrue(loc.root().isAbsolute(), loc.root().toString());
    assertEquals(Path.of("state").toAbsolutePath(), loc.root());
    assertEquals(Path.of("state/engine.sock").toAbsolutePath(), loc.socket());
  }
}
