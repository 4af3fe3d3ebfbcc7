package dev.jcompose.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jcompose.api.client.LogFrameDecoder;
import dev.jcompose.api.model.ContainerCreateRequest;
import dev.jcompose.api.model.ContainerSummary;
import dev.jcompose.api.model.EndpointSettings;
import dev.jcompose.api.model.HostConfig;
import dev.jcompose.api.model.Json;
import dev.jcompose.api.model.NetworkingConfig;
import dev.jcompose.api.model.PortBinding;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class WireFormatTest {

  @Test
  void containerCreate_usesDockerFieldNames() throws Exception {
    HostConfig hc = new HostConfig(List.of("site:/www"), null, Map.of("80/tcp", List.of(new PortBinding("127.0.0.1", "8080"))),
        "proj_default", null, null, null, null, null, null, null, null, null, null, null, null, null, null, null);
    ContainerCreateRequest req = new ContainerCreateRequest("web", null, null, List.of("A=1"), List.of("httpd"), null, "busybox:latest",
        Map.of("com.docker.compose.project", "proj"), null, null, null, null, null, null, hc,
        new NetworkingConfig(Map.of("proj_default", EndpointSettings.withAliases(List.of("web"), null))));
    String json = Json.mapper().writeValueAsString(req);
    assertTrue(json.contains("\"Image\":\"busybox:latest\""), json);
    assertTrue(json.contains("\"HostConfig\":{\"Binds\":[\"site:/www\"]"), json);
    assertTrue(json.contains("\"PortBindings\":{\"80/tcp\":[{\"HostIp\":\"127.0.0.1\",\"HostPort\":\"8080\"}]}"), json);
    assertTrue(json.contains("\"EndpointsConfig\":{\"proj_default\":{\"Aliases\":[\"web\"]}}"), json);
    ContainerCreateRequest back = Json.mapper().readValue(json, ContainerCreateRequest.class);
    assertEquals(req, back);
  }

  @Test
  void containerSummary_readsDockerJson() throws Exception {
    String docker = "{\"Id\":\"abc\",\"Names\":[\"/proj-web-1\"],\"Image\":\"busybox\",\"ImageID\":\"sha256:1\",\"State\":\"running\","
        + "\"Status\":\"Up 2 seconds\",\"Ports\":[{\"IP\":\"127.0.0.1\",\"PrivatePort\":80,\"PublicPort\":8080,\"Type\":\"tcp\"}],"
        + "\"Labels\":{\"a\":\"b\"},\"SomethingNew\":1}";
    ContainerSummary s = Json.mapper().readValue(docker, ContainerSummary.class);
    assertEquals("proj-web-1", s.name());
    assertEquals("sha256:1", s.imageId());
    assertEquals(8080, s.ports().get(0).publicPort());
    assertEquals("127.0.0.1", s.ports().get(0).ip());
  }

  @Test
  void logFrames_roundTrip() throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.write(LogFrameDecoder.encode(1, "hello\n".getBytes(StandardCharsets.UTF_8)));
    out.write(LogFrameDecoder.encode(2, "oops\n".getBytes(StandardCharsets.UTF_8)));
    List<String> got = new ArrayList<>();
    LogFrameDecoder.decode(new ByteArrayInputStream(out.toByteArray()), (s, p) -> got.add(s + ":" + new String(p, StandardCharsets.UTF_8)));
    assertEquals(List.of("1:hello\n", "2:oops\n"), got);
  }
}
