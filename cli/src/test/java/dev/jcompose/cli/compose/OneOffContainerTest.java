package dev.jcompose.cli.compose;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jcompose.api.model.ContainerCreateRequest;
import dev.jcompose.compose.loader.ProjectLoader;
import dev.jcompose.compose.loader.ProjectOptions;
import dev.jcompose.compose.model.PortConfig;
import dev.jcompose.compose.model.Project;
import dev.jcompose.compose.model.ServiceConfig;
import dev.jcompose.compose.model.ServiceVolume;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OneOffContainerTest {
  private static final String SHOP = """
      name: shop
      services:
        web:
          image: busybox:latest
          command: ["httpd", "-f", "-p", "80"]
          container_name: shop-web
          restart: always
          ports:
            - "127.0.0.1:8080:80"
          volumes:
            - site:/www:ro
            - /cache
          labels:
            team: storefront
          environment:
            GREETING: hello
            KEEP: "1"
          networks:
            default:
              aliases: [shopfront]
      volumes:
        site: {}
      """;
  private static final String SLUG = "0123456789abcdef".repeat(4);

  @TempDir
  Path dir;

  private Project project() {
    return ProjectLoader.loadContent(ProjectOptions.of(dir), "compose.yaml", SHOP);
  }

  private static OneOffContainer plain() {
    return new OneOffContainer(List.of(), null, Map.of(), Map.of(), null, null, List.of(), List.of(), false, false, false, null,
        List.of(), List.of());
  }

  private ServiceConfig applied(OneOffContainer o) {
    return o.applyTo(project().service("web").orElseThrow(), "shop-web-run-0123456789ab", SLUG);
  }

  @Test
  void defaultName_andSlug_asCompose() {
    assertEquals("shop-web-run-0123456789ab", OneOffContainer.defaultName(project(), "web", SLUG));
    assertTrue(OneOffContainer.newSlug().matches("[0-9a-f]{64}"));
  }

  @Test
  void applyTo_withoutOptions_keepsTheCommand_dropsPortsRestartAndContainerName() {
    ServiceConfig s = applied(plain());
    assertEquals(List.of("httpd", "-f", "-p", "80"), s.command());
    assertEquals(List.of(), s.ports());
    assertNull(s.restart());
    assertEquals("shop-web-run-0123456789ab", s.containerName());
    assertEquals("True", s.labels().get(ComposeLabels.ONEOFF));
    assertEquals(SLUG, s.labels().get(OneOffContainer.SLUG));
    assertEquals("storefront", s.labels().get("team"));
  }

  @Test
  void applyTo_overrides() {
    OneOffContainer o = new OneOffContainer(List.of("env"), null, Map.of("GREETING", "hi", "NEW", "x"), Map.of("team", "ops"), "1000",
        "/tmp", List.of(new ServiceVolume(ServiceVolume.Type.BIND, "/host/site", "/www", false, null, null, null)),
        List.of(PortConfig.of(80, "9090")), false, false, false, "never", List.of("NET_ADMIN"), List.of());
    ServiceConfig s = applied(o);
    assertEquals(List.of("env"), s.command());
    assertEquals(Map.of("GREETING", "hi", "KEEP", "1", "NEW", "x"), s.environment());
    assertEquals("ops", s.labels().get("team"));
    assertEquals("1000", s.user());
    assertEquals("/tmp", s.workingDir());
    assertEquals(List.of("/cache", "/www"), s.volumes().stream().map(ServiceVolume::target).toList(), "-v replaces the mount at /www");
    assertEquals("/host/site", s.volumes().get(1).source());
    assertEquals(List.of(PortConfig.of(80, "9090")), s.ports());
    assertEquals("never", s.pullPolicy());
    assertEquals(List.of("NET_ADMIN"), s.capAdd());
  }

  @Test
  void applyTo_entrypointWithoutCommand_clearsTheCommand() {
    OneOffContainer o = new OneOffContainer(List.of(), List.of("sh", "-c"), Map.of(), Map.of(), null, null, List.of(), List.of(), false,
        false, false, null, List.of(), List.of());
    ServiceConfig s = applied(o);
    assertEquals(List.of("sh", "-c"), s.entrypoint());
    assertEquals(List.of(), s.command());
  }

  @Test
  void applyTo_servicePorts_keepsTheServicesPorts() {
    OneOffContainer o = new OneOffContainer(List.of(), null, Map.of(), Map.of(), null, null, List.of(), List.of(), true, false, false,
        null, List.of(), List.of());
    assertEquals(1, applied(o).ports().size());
  }

  @Test
  void request_oneOffLabels_noRestart_noPorts_onlyTheNameAsAlias() {
    Project p = project();
    ServiceConfig s = applied(plain());
    ContainerCreateRequest r = plain().request(p, s);
    assertEquals("True", r.labels().get(ComposeLabels.ONEOFF));
    assertEquals("-1", r.labels().get(ComposeLabels.NUMBER));
    assertEquals("web", r.labels().get(ComposeLabels.SERVICE));
    assertEquals("shop", r.labels().get(ComposeLabels.PROJECT));
    assertNull(r.hostConfig().restartPolicy());
    assertNull(r.hostConfig().portBindings());
    assertNull(r.hostConfig().autoRemove());
    assertNull(r.tty());
    assertEquals(List.of("shop-web-run-0123456789ab"), r.networkingConfig().endpointsConfig().get("shop_default").aliases());
    assertTrue(r.hostConfig().mounts().stream().anyMatch(m -> m.target().equals("/www") && "shop_site".equals(m.source())),
        String.valueOf(r.hostConfig().mounts()));
  }

  @Test
  void request_useAliases_andAutoRemove() {
    OneOffContainer o = new OneOffContainer(List.of(), null, Map.of(), Map.of(), null, null, List.of(), List.of(), false, true, true,
        null, List.of(), List.of());
    ContainerCreateRequest r = o.request(project(), applied(o));
    assertEquals(List.of("shop-web-run-0123456789ab", "web", "shopfront"),
        r.networkingConfig().endpointsConfig().get("shop_default").aliases());
    assertEquals(Boolean.TRUE, r.hostConfig().autoRemove());
  }

  @Test
  void withers_changeOnlyTheirPart() {
    OneOffContainer o = plain().withEnvironment(Map.of("A", "1"))
        .withVolumes(List.of(new ServiceVolume(ServiceVolume.Type.VOLUME, null, "/x", false, null, null, null)));
    assertEquals(Map.of("A", "1"), o.environment());
    assertEquals(1, o.volumes().size());
    assertEquals(plain().publish(), o.publish());
  }

  @Test
  void upsRequest_staysNotOneOff() {
    Project p = project();
    assertEquals("False", ContainerRequests.of(p, p.service("web").orElseThrow(), 1).labels().get(ComposeLabels.ONEOFF));
  }
}
