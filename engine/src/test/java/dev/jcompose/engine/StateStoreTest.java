package dev.jcompose.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jcompose.api.model.ContainerCreateRequest;
import dev.jcompose.api.model.EndpointSettings;
import dev.jcompose.api.model.HostConfig;
import dev.jcompose.api.model.NetworkingConfig;
import dev.jcompose.api.model.PortBinding;
import dev.jcompose.engine.containers.ContainerRecord;
import dev.jcompose.engine.containers.MountPlanner;
import dev.jcompose.engine.containers.RunState;
import dev.jcompose.engine.networks.Endpoint;
import dev.jcompose.engine.networks.NetworkRecord;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StateStoreTest {
  @TempDir
  Path tmp;

  static ContainerRecord container(String id, String name) {
    HostConfig hc = new HostConfig(null, null, Map.of("80/tcp", List.of(new PortBinding("127.0.0.1", "8080"))), "p_default",
        null, 64L * 1024 * 1024, null, null, null, List.of("NET_ADMIN"), null, null, null, null, null, null, null, null, null);
    ContainerCreateRequest cfg = new ContainerCreateRequest("web", null, "1000", List.of("A=1"), List.of("httpd", "-f"), null,
        "busybox:latest", Map.of("com.docker.compose.project", "p"), "/www", Map.of("80/tcp", Map.of()), "SIGQUIT", 3, null,
        null, hc, new NetworkingConfig(Map.of("p_default", EndpointSettings.withAliases(List.of("web"), null))));
    Instant t0 = Instant.parse("2024-05-01T10:15:30.123456789Z");
    RunState state = RunState.created().running(4242, 4241, t0.plusSeconds(1)).exited(137, true, t0.plusSeconds(60));
    Endpoint ep = new Endpoint("net1", "p_default", "ep1", "172.30.0.2", 24, "172.30.0.1", "02:42:ac:1e:00:02", List.of("web"),
        "veth0a1b2c");
    return new ContainerRecord(id, name, t0, "busybox:latest", "sha256:" + "ab".repeat(32), cfg, List.of("p_default"), state,
        Map.of("p_default", ep), List.of(new ContainerRecord.PublishedPort("127.0.0.1", 8080, 80, "tcp")),
        List.of(new MountPlanner.PlannedMount("volume", "p_site", null, "/www", true, false),
            new MountPlanner.PlannedMount("bind", null, Path.of("/srv/conf"), "/etc/conf", false, true)));
  }

  static NetworkRecord network(String id, String name) {
    return new NetworkRecord(id, name, "bridge", "jcbr-" + id, "172.30.0.0/24", "172.30.0.1", false, true,
        Map.of("com.docker.compose.project", "p"), Map.of(), Instant.parse("2024-05-01T10:00:00Z"));
  }

  @Test
  void write_thenRead_containerRecordRoundTrips() throws IOException {
    ContainerRecord r = container("0123456789abcdef0123", "p-web-1");
    Path file = tmp.resolve("containers/0123/container.json");
    StateStore.write(file, r);
    assertEquals(r, StateStore.read(file, ContainerRecord.class));
  }

  @Test
  void write_isReadableJsonWithIsoDatesAndDockerNames() throws IOException {
    Path file = tmp.resolve("container.json");
    StateStore.write(file, container("0123456789abcdef0123", "p-web-1"));
    String json = Files.readString(file);
    assertTrue(json.contains("\"created\" : \"2024-05-01T10:15:30.123456789Z\""), json);
    assertTrue(json.contains("\"Image\" : \"busybox:latest\""), json);
    assertTrue(json.contains("\n"), "indented for people reading state files");
  }

  @Test
  void write_replacesAndLeavesNoTemporaryFiles() throws IOException {
    Path file = tmp.resolve("n/network.json");
    StateStore.write(file, network("id1", "first"));
    StateStore.write(file, network("id1", "second"));
    assertEquals("second", StateStore.read(file, NetworkRecord.class).name());
    try (Stream<Path> s = Files.list(file.getParent())) {
      assertEquals(List.of(file), s.toList());
    }
  }

  @Test
  void read_ignoresUnknownFields() throws IOException {
    Path file = tmp.resolve("network.json");
    Files.writeString(file, "{\"id\":\"n1\",\"name\":\"p_default\",\"internal\":false,\"attachable\":false,\"fromTheFuture\":42}");
    NetworkRecord n = StateStore.read(file, NetworkRecord.class);
    assertEquals("p_default", n.name());
    assertEquals(Map.of(), n.labels());
  }

  @Test
  void readAll_readsOneFilePerDirectoryInNameOrder_skippingBadOnes() throws IOException {
    Path dir = tmp.resolve("networks");
    StateStore.write(dir.resolve("b/network.json"), network("b", "second"));
    StateStore.write(dir.resolve("a/network.json"), network("a", "first"));
    Files.createDirectories(dir.resolve("c"));
    Files.writeString(dir.resolve("c/network.json"), "{ not json");
    Files.createDirectories(dir.resolve("d")); // no file
    Files.writeString(dir.resolve("stray.txt"), "x");
    List<NetworkRecord> all = StateStore.readAll(dir, "network.json", NetworkRecord.class);
    assertEquals(List.of("first", "second"), all.stream().map(NetworkRecord::name).toList());
  }

  @Test
  void readAll_missingDirectory_isEmpty() {
    assertEquals(List.of(), StateStore.readAll(tmp.resolve("nothing"), "network.json", NetworkRecord.class));
  }

  @Test
  void write_unwritablePlace_saysWhere() throws IOException {
    Path blocker = Files.writeString(tmp.resolve("file"), "x");
    Path file = blocker.resolve("sub/network.json");
    UncheckedIOException e = assertThrows(UncheckedIOException.class,
        () -> StateStore.write(file, network("a", "b")));
    assertTrue(e.getMessage().startsWith("could not save engine state to " + file + ": "), e.getMessage());
    assertFalse(Files.exists(file));
  }
}
