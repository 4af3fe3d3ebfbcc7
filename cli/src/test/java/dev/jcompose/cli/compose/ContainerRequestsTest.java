package dev.jcompose.cli.compose;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jcompose.api.model.ContainerCreateRequest;
import dev.jcompose.api.model.EndpointSettings;
import dev.jcompose.api.model.Json;
import dev.jcompose.api.model.Mount;
import dev.jcompose.api.model.PortBinding;
import dev.jcompose.api.model.RestartPolicy;
import dev.jcompose.cli.UserFacingException;
import dev.jcompose.compose.loader.ProjectLoader;
import dev.jcompose.compose.loader.ProjectOptions;
import dev.jcompose.compose.model.Project;
import dev.jcompose.compose.model.ServiceConfig;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ContainerRequestsTest {
  private static final String SHOP = """
      name: shop
      services:
        web:
          image: busybox:latest
          command: ["httpd", "-f", "-p", "80"]
          ports:
            - "127.0.0.1:8080:80"
          volumes:
            - site:/www:ro
          labels:
            team: storefront
          environment:
            GREETING: hello
          depends_on:
            - db
        db:
          image: busybox
          container_name: shop-database
          expose:
            - "5432"
          restart: on-failure:3
          stop_grace_period: 7s
          stop_signal: SIGINT
      volumes:
        site: {}
      """;

  @TempDir
  Path dir;

  private Project load(String yaml) {
    return ProjectLoader.loadContent(ProjectOptions.of(dir), "compose.yaml", yaml);
  }

  private static ServiceConfig service(Project p, String name) {
    return p.service(name).orElseThrow();
  }

  private ContainerCreateRequest web(String yaml) {
    Project p = load(yaml);
    return ContainerRequests.of(p, service(p, "web"), 1);
  }

  @Test
  void of_composeLabels() {
    Map<String, String> labels = web(SHOP).labels();
    assertEquals("shop", labels.get("com.docker.compose.project"));
    assertEquals("web", labels.get("com.docker.compose.service"));
    assertEquals("1", labels.get("com.docker.compose.container-number"));
    assertEquals("False", labels.get("com.docker.compose.oneoff"));
    assertEquals("busybox:latest", labels.get("com.docker.compose.image"));
    assertEquals(dir.toAbsolutePath().toString(), labels.get("com.docker.compose.project.working_dir"));
    assertEquals(dir.toAbsolutePath().resolve("compose.yaml").toString(), labels.get("com.docker.compose.project.config_files"));
    assertEquals("db:service_started:false", labels.get("com.docker.compose.depends_on"));
    assertEquals("storefront", labels.get("team"), "the service's own labels are kept");
    assertTrue(labels.get("com.docker.compose.config-hash").matches("[0-9a-f]{64}"), labels.toString());
  }

  @Test
  void of_processSettings_asDockersHostConfig() throws Exception {
    ContainerCreateRequest r = web("""
        services:
          web:
            image: busybox:latest
            read_only: true
            shm_size: 128m
            sysctls: {net.core.somaxconn: 1024, kernel.shmmni: "4096"}
            ulimits:
              nofile: {soft: 20000, hard: 40000}
              nproc: 65535
            group_add: [audio, "4242"]
            oom_score_adj: -200
        """);
    String json = dev.jcompose.api.model.Json.mapper().writeValueAsString(r.hostConfig());
    assertTrue(json.contains("\"ReadonlyRootfs\":true"), json);
    assertTrue(json.contains("\"ShmSize\":134217728"), json);
    assertTrue(json.contains("\"Sysctls\":{\"kernel.shmmni\":\"4096\",\"net.core.somaxconn\":\"1024\"}"), json);
    assertTrue(json.contains("\"Ulimits\":[{\"Name\":\"nofile\",\"Soft\":20000,\"Hard\":40000},"
        + "{\"Name\":\"nproc\",\"Soft\":65535,\"Hard\":65535}]"), json);
    assertTrue(json.contains("\"GroupAdd\":[\"audio\",\"4242\"]"), json);
    assertTrue(json.contains("\"OomScoreAdj\":-200"), json);
    assertTrue(!web(SHOP).toString().contains("ReadonlyRootfs=true"));
    assertNull(web(SHOP).hostConfig().readonlyRootfs(), "unset stays unset, so the config hash of existing containers is kept");
  }

  @Test
  void of_resourcesDevicesLoggingAndSeccomp_asDockersHostConfig() throws Exception {
    java.nio.file.Files.writeString(dir.resolve("profile.json"), "{\n  \"defaultAction\": \"SCMP_ACT_ALLOW\",\n  \"syscalls\": []\n}\n");
    ContainerCreateRequest r = web("""
        services:
          web:
            image: busybox:latest
            cpuset: "0-1"
            cpu_shares: 512
            mem_limit: 64m
            memswap_limit: -1
            devices: ["/dev/null:/dev/mynull:rw", "/dev/fuse"]
            logging:
              driver: json-file
              options: {max-size: 10m, max-file: "3"}
            security_opt: ["seccomp=profile.json", "no-new-privileges"]
            deploy:
              resources:
                reservations: {memory: 32m}
        """);
    String json = Json.mapper().writeValueAsString(r.hostConfig());
    assertTrue(json.contains("\"CpusetCpus\":\"0-1\""), json);
    assertTrue(json.contains("\"CpuShares\":512"), json);
    assertTrue(json.contains("\"MemoryReservation\":33554432"), json);
    assertTrue(json.contains("\"MemorySwap\":-1"), json);
    assertTrue(json.contains("\"Devices\":[{\"PathOnHost\":\"/dev/null\",\"PathInContainer\":\"/dev/mynull\",\"CgroupPermissions\":\"rw\"},"
        + "{\"PathOnHost\":\"/dev/fuse\",\"PathInContainer\":\"/dev/fuse\",\"CgroupPermissions\":\"rwm\"}]"), json);
    assertTrue(json.contains("\"LogConfig\":{\"Type\":\"json-file\",\"Config\":{\"max-file\":\"3\",\"max-size\":\"10m\"}}"), json);
    assertTrue(json.contains("\"SecurityOpt\":[\"seccomp={\\\"defaultAction\\\":\\\"SCMP_ACT_ALLOW\\\",\\\"syscalls\\\":[]}\",\"no-new-privileges\"]"),
        json);
  }

  @Test
  void of_aMissingSeccompProfile_saysWhereItLooked() {
    UserFacingException e = assertThrows(UserFacingException.class, () -> web("""
        services:
          web:
            image: busybox:latest
            security_opt: ["seccomp:nope.json"]
        """));
    assertTrue(e.getMessage().startsWith("service \"web\": security_opt: opening seccomp profile (" + dir.resolve("nope.json")), e.getMessage());
  }

  @Test
  void of_containerNumberLabel_followsTheNumber() {
    Project p = load(SHOP);
    assertEquals("3", ContainerRequests.of(p, service(p, "web"), 3).labels().get("com.docker.compose.container-number"));
  }

  @Test
  void of_imageCommandAndEnvironment() {
    ContainerCreateRequest r = web(SHOP);
    assertEquals("busybox:latest", r.image());
    assertEquals(List.of("httpd", "-f", "-p", "80"), r.cmd());
    assertNull(r.entrypoint());
    assertEquals(List.of("GREETING=hello"), r.env());
  }

  @Test
  void of_portBinding_hostIpAndPort() {
    ContainerCreateRequest r = web(SHOP);
    assertEquals(Map.of("80/tcp", List.of(new PortBinding("127.0.0.1", "8080"))), r.hostConfig().portBindings());
    assertEquals(Map.of("80/tcp", Map.of()), r.exposedPorts());
  }

  @Test
  void of_portBinding_wireFormatIsDockers() throws Exception {
    String json = Json.mapper().writeValueAsString(web(SHOP).hostConfig());
    assertTrue(json.contains("\"PortBindings\":{\"80/tcp\":[{\"HostIp\":\"127.0.0.1\",\"HostPort\":\"8080\"}]}"), json);
  }

  @Test
  void of_ephemeralPort_hasEmptyHostIpAndPort() {
    ContainerCreateRequest r = web("services:\n  web:\n    image: busybox\n    ports: [\"80\", \"53:53/udp\"]\n");
    assertEquals(Map.of("80/tcp", List.of(new PortBinding("", "")), "53/udp", List.of(new PortBinding("", "53"))),
        r.hostConfig().portBindings());
  }

  @Test
  void of_namedVolume_usesProjectPrefixedName() {
    ContainerCreateRequest r = web(SHOP);
    assertEquals(List.of(new Mount("volume", "shop_site", "/www", true, null, null)), r.hostConfig().mounts());
  }

  @Test
  void of_namedVolumeWithExplicitName_usesThatName() {
    ContainerCreateRequest r = web("""
        services:
          web:
            image: busybox
            volumes: ["data:/data"]
        volumes:
          data:
            name: shared-data
        """);
    assertEquals("shared-data", r.hostConfig().mounts().get(0).source());
  }

  @Test
  void of_bindAndAnonymousVolumes() {
    ContainerCreateRequest r = web("""
        services:
          web:
            image: busybox
            volumes:
              - ./site:/www
              - /var/cache
        """);
    assertEquals(List.of(dir.toAbsolutePath().resolve("site") + ":/www:rw"), r.hostConfig().binds(),
        "a short-syntax bind goes as a Binds entry, whose missing source the engine creates");
    assertEquals(List.of(new Mount("volume", null, "/var/cache", false, null, null)), r.hostConfig().mounts());
  }

  @Test
  void of_longSyntaxBinds_createHostPathFalse_isAMountTheEngineChecks() {
    ContainerCreateRequest r = web("""
        services:
          web:
            image: busybox
            volumes:
              - type: bind
                source: /srv/site
                target: /www
                read_only: true
                bind:
                  create_host_path: false
                  propagation: rslave
              - type: bind
                source: /srv/logs
                target: /logs
                bind:
                  selinux: z
        """);
    assertEquals(List.of(new Mount("bind", "/srv/site", "/www", true, null, null, new Mount.BindOptions("rslave", null))),
        r.hostConfig().mounts());
    assertEquals(List.of("/srv/logs:/logs:rw,z"), r.hostConfig().binds());
  }

  @Test
  void of_volumeSubpathAndTmpfsSizeMode() {
    ContainerCreateRequest r = web("""
        services:
          web:
            image: busybox
            volumes:
              - type: volume
                source: data
                target: /d
                volume:
                  subpath: sites/a
              - type: tmpfs
                target: /t
                tmpfs:
                  size: 64m
                  mode: 1777
            tmpfs:
              - /run:size=8m,mode=700
        volumes:
          data: {}
        """);
    assertEquals(List.of(
        new Mount("volume", r.hostConfig().mounts().get(0).source(), "/d", false,
            new Mount.VolumeOptions(null, null, "sites/a"), null),
        new Mount("tmpfs", null, "/t", false, null, new Mount.TmpfsOptions(64L << 20, 01777))), r.hostConfig().mounts());
    assertEquals(Map.of("/run", "size=8m,mode=700"), r.hostConfig().tmpfs());
  }

  @Test
  void of_defaultNetwork_aliasesIncludeServiceName() {
    ContainerCreateRequest r = web(SHOP);
    assertEquals("shop_default", r.hostConfig().networkMode());
    EndpointSettings ep = r.networkingConfig().endpointsConfig().get("shop_default");
    assertEquals(List.of("shop-web-1", "web"), ep.aliases());
  }

  @Test
  void of_networkAliasesAndStaticAddress() {
    ContainerCreateRequest r = web("""
        name: p
        services:
          web:
            image: busybox
            networks:
              front:
                aliases: [www]
                ipv4_address: 172.28.0.10
        networks:
          front:
            ipam:
              config:
                - subnet: 172.28.0.0/16
        """);
    EndpointSettings ep = r.networkingConfig().endpointsConfig().get("p_front");
    assertEquals(List.of("p-web-1", "web", "www"), ep.aliases());
    assertEquals("172.28.0.10", ep.ipamConfig().ipv4Address());
    assertEquals("p_front", r.hostConfig().networkMode());
  }

  @Test
  void of_networkModeHost_hasNoEndpoints() {
    ContainerCreateRequest r = web("name: p\nservices:\n  web:\n    image: busybox\n    network_mode: host\n");
    assertEquals("host", r.hostConfig().networkMode());
    assertNull(r.networkingConfig());
  }

  @Test
  void of_networkIpcPidModeService_isTheFirstContainerOfThatService_withoutEndpoints() {
    ContainerCreateRequest r = web("name: p\nservices:\n  db:\n    image: busybox\n    ipc: shareable\n  web:\n    image: busybox\n"
        + "    network_mode: service:db\n    ipc: service:db\n    pid: service:db\n");
    assertEquals("container:p-db-1", r.hostConfig().networkMode());
    assertEquals("container:p-db-1", r.hostConfig().ipcMode());
    assertEquals("container:p-db-1", r.hostConfig().pidMode());
    assertNull(r.networkingConfig());
  }

  @Test
  void of_networkModeOfAnUnknownService_namesIt() {
    Project p = load("name: p\nservices:\n  web:\n    image: busybox\n    network_mode: container:elsewhere\n");
    assertEquals("container:elsewhere", ContainerRequests.of(p, service(p, "web"), 1).hostConfig().networkMode());
  }

  @Test
  void of_linksDnsSearchDnsOpt() {
    ContainerCreateRequest r = web("name: p\nservices:\n  db:\n    image: busybox\n    scale: 2\n  web:\n    image: busybox\n"
        + "    links: [\"db:database\"]\n    dns_search: [example.test]\n    dns_opt: [\"ndots:1\"]\n");
    assertEquals(List.of("p-db-1:database", "p-db-2:database"), r.hostConfig().links());
    assertEquals(List.of("example.test"), r.hostConfig().dnsSearch());
    assertEquals(List.of("ndots:1"), r.hostConfig().dnsOptions());
  }

  @Test
  void of_restartExposeStopSettings() {
    Project p = load(SHOP);
    ContainerCreateRequest r = ContainerRequests.of(p, service(p, "db"), 1);
    assertEquals(new RestartPolicy("on-failure", 3), r.hostConfig().restartPolicy());
    assertEquals(Map.of("5432/tcp", Map.of()), r.exposedPorts());
    assertEquals(7, r.stopTimeout());
    assertEquals("SIGINT", r.stopSignal());
    assertNull(r.hostConfig().portBindings());
  }

  @Test
  void of_serviceWithoutImage_saysWhatToDo() {
    Project p = load("name: p\nservices:\n  app:\n    build: .\n");
    UserFacingException e = assertThrows(UserFacingException.class, () -> ContainerRequests.of(p, service(p, "app"), 1));
    assertEquals("service \"app\" has no image: give it image:, or build: to build one", e.getMessage());
  }

  @Test
  void containerName_isProjectServiceNumber() {
    Project p = load(SHOP);
    assertEquals("shop-web-1", ContainerRequests.containerName(p, service(p, "web"), 1));
    assertEquals("shop-web-2", ContainerRequests.containerName(p, service(p, "web"), 2));
  }

  @Test
  void containerName_containerNameWins() {
    Project p = load(SHOP);
    assertEquals("shop-database", ContainerRequests.containerName(p, service(p, "db"), 1));
    EndpointSettings ep = ContainerRequests.of(p, service(p, "db"), 1).networkingConfig().endpointsConfig().get("shop_default");
    assertEquals(List.of("shop-database", "db"), ep.aliases());
  }

  @Test
  void networkName_undeclaredKey_isProjectPrefixed() {
    Project p = load(SHOP);
    assertEquals("shop_default", ContainerRequests.networkName(p, "default"));
    assertEquals("shop_other", ContainerRequests.networkName(p, "other"));
  }

  @Test
  void volumeName_undeclared_saysWhereToDeclareIt() {
    Project p = load(SHOP);
    UserFacingException e = assertThrows(UserFacingException.class, () -> ContainerRequests.volumeName(p, service(p, "web"), "logs"));
    assertEquals("service \"web\" refers to undefined volume logs: declare it under the top-level volumes: key", e.getMessage());
  }

  @Test
  void configHash_sameInput_sameHash() {
    String a = web(SHOP).labels().get("com.docker.compose.config-hash");
    String b = web(SHOP).labels().get("com.docker.compose.config-hash");
    assertEquals(a, b);
  }

  @Test
  void configHash_changesWithTheCommand() {
    String a = web(SHOP).labels().get("com.docker.compose.config-hash");
    String b = web(SHOP.replace("[\"httpd\", \"-f\", \"-p\", \"80\"]", "[\"httpd\", \"-f\", \"-p\", \"8000\"]"))
        .labels().get("com.docker.compose.config-hash");
    assertNotEquals(a, b);
  }

  @Test
  void configHash_changesWithThePorts() {
    String a = web(SHOP).labels().get("com.docker.compose.config-hash");
    String b = web(SHOP.replace("127.0.0.1:8080:80", "127.0.0.1:8081:80")).labels().get("com.docker.compose.config-hash");
    assertNotEquals(a, b);
  }

  @Test
  void configHash_isTheHashOfTheRequestWithoutIt() {
    ContainerCreateRequest r = web(SHOP);
    Map<String, String> labels = new java.util.TreeMap<>(r.labels());
    String hash = labels.remove("com.docker.compose.config-hash");
    ContainerCreateRequest without = new ContainerCreateRequest(r.hostname(), r.domainname(), r.user(), r.env(), r.cmd(),
        r.entrypoint(), r.image(), labels, r.workingDir(), r.exposedPorts(), r.stopSignal(), r.stopTimeout(), r.tty(),
        r.openStdin(), r.hostConfig(), r.networkingConfig());
    assertEquals(hash, ContainerRequests.hash(without));
  }

  @Test
  void volumesFrom_servicesBecomeTheirFirstContainer_containersStayAsNamed() {
    Project p = load("name: vf\nservices:\n  data:\n    image: busybox\n  named:\n    image: busybox\n    container_name: keep\n"
        + "  app:\n    image: busybox\n    volumes_from: [\"data:ro\", \"named\", \"container:outside:rw\"]\n");
    org.junit.jupiter.api.Assertions.assertEquals(java.util.List.of("vf-data-1:ro", "keep", "outside:rw"),
        ContainerRequests.of(p, service(p, "app"), 1).hostConfig().volumesFrom());
    org.junit.jupiter.api.Assertions.assertNull(ContainerRequests.of(p, service(p, "data"), 1).hostConfig().volumesFrom());
  }
}
