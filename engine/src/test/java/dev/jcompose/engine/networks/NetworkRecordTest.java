package dev.jcompose.engine.networks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.jcompose.engine.StateStore;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NetworkRecordTest {
  @TempDir
  Path tmp;

  private static NetworkRecord record(Map<String, String> labels, Map<String, String> options) {
    return new NetworkRecord("4f2a9c", "p_default", "bridge", "jcbr-4f2a9c", "172.30.0.0/24", "172.30.0.1", true, false,
        labels, options, Instant.parse("2024-05-01T10:00:00Z"));
  }

  @Test
  void nullLabelsAndOptions_areEmpty() {
    NetworkRecord n = record(null, null);
    assertEquals(Map.of(), n.labels());
    assertEquals(Map.of(), n.options());
  }

  @Test
  void labelsAndOptions_areCopied() {
    Map<String, String> labels = new HashMap<>(Map.of("com.docker.compose.network", "default"));
    NetworkRecord n = record(labels, Map.of("com.docker.network.bridge.name", "br0"));
    labels.put("later", "x");
    assertEquals(Map.of("com.docker.compose.network", "default"), n.labels());
    assertThrows(UnsupportedOperationException.class, () -> n.labels().put("a", "b"));
  }

  @Test
  void stateFile_roundTrip() throws IOException {
    NetworkRecord n = record(Map.of("com.docker.compose.project", "p"), Map.of("mtu", "1400"));
    Path file = tmp.resolve("networks/4f2a9c/network.json");
    StateStore.write(file, n);
    NetworkRecord back = StateStore.read(file, NetworkRecord.class);
    assertEquals(n, back);
    assertEquals("172.30.0.1", back.gateway());
    assertEquals(true, back.internal());
  }

  @Test
  void stateFile_withoutMaps_readsAsEmpty() throws IOException {
    Path file = tmp.resolve("network.json");
    java.nio.file.Files.writeString(file, "{\"id\":\"n\",\"name\":\"x\",\"driver\":\"bridge\",\"labels\":null}");
    NetworkRecord n = StateStore.read(file, NetworkRecord.class);
    assertEquals(Map.of(), n.labels());
    assertEquals(Map.of(), n.options());
    assertEquals(null, n.created());
  }
}
