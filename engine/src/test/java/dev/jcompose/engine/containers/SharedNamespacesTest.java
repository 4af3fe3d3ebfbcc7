package dev.jcompose.engine.containers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.jcompose.api.model.ContainerCreateRequest;
import dev.jcompose.api.model.HostConfig;
import dev.jcompose.api.model.PortBinding;
import dev.jcompose.engine.http.ApiException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SharedNamespacesTest {

  private static ContainerCreateRequest request(String hostname, HostConfig hc) {
    return new ContainerCreateRequest(hostname, null, null, null, null, null, "busybox", Map.of(), null, null, null, null, null, null,
        hc, null, null);
  }

  private static HostConfig mode(String network) {
    return HostConfig.empty().withNetworkMode(network);
  }

  private static String refused(ContainerCreateRequest req) {
    return assertThrows(ApiException.class, () -> SharedNamespaces.validate(req, req.hostConfig())).getMessage();
  }

  @Test
  void containerOf_onlyForContainerModes() {
    assertEquals(Optional.of("db"), SharedNamespaces.containerOf("container:db"));
    assertEquals(Optional.empty(), SharedNamespaces.containerOf("p_default"));
    assertEquals(Optional.empty(), SharedNamespaces.containerOf(null));
  }

  @Test
  void validate_containerNetwork_conflictsWithDockersMessages() {
    assertEquals("Invalid network mode: invalid container format container:<name|id>", refused(request(null, mode("container:"))));
    assertEquals("conflicting options: hostname and the network mode", refused(request("h", mode("container:db"))));
    HostConfig ports = new HostConfig(null, null, Map.of("80/tcp", List.of(new PortBinding("", "8080"))), "container:db", null, null,
        null, null, null, null, null, null, null, null, null, null, null, null, null);
    assertEquals("conflicting options: port publishing and the container type network mode", refused(request(null, ports)));
    HostConfig dns = new HostConfig(null, null, null, "container:db", null, null, null, null, null, null, null, null, null, null,
        List.of("10.0.0.2"), null, null, null, null);
    assertEquals("conflicting options: dns and the network mode", refused(request(null, dns)));
    SharedNamespaces.validate(request("h", mode("p_default")), mode("p_default"));
  }

  @Test
  void validate_ipcAndPidModes() {
    assertEquals("invalid IPC mode: sideways", refused(request(null, HostConfig.empty().withNamespaceModes("sideways", null))));
    assertEquals("invalid PID mode: shareable", refused(request(null, HostConfig.empty().withNamespaceModes(null, "shareable"))));
    for (String ipc : List.of("", "private", "shareable", "host", "none", "container:x")) {
      HostConfig hc = HostConfig.empty().withNamespaceModes(ipc, "host");
      SharedNamespaces.validate(request(null, hc), hc);
    }
  }

  @Test
  void resolve_ownerMissing_namesIt() {
    ContainerRecord self = null;
    ApiException e = assertThrows(ApiException.class, () -> SharedNamespaces.resolve(self, mode("container:gone"), x -> {
      throw ApiException.notFound("No such container: " + x);
    }));
    assertEquals("can't join network of container gone: No such container: gone", e.getMessage());
  }
}
