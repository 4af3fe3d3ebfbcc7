package dev.jcompose.compose.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ServiceConfigTest {

    @Test
    void testBuilder_defaultsAndNulls() {
        ServiceConfig s = ServiceConfig.builder("web").image("nginx").build();
        assertEquals(1, s.scale());
        assertNull(s.command());
        assertNull(s.entrypoint());
        assertEquals(List.of(), s.ports());
        assertEquals(Map.of(), s.environment());
    }

    @Test
    void testEnvironmentKeepsOrderAndUnsetValues() {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("Z", "1");
        env.put("UNSET", null);
        env.put("A", "2");
        ServiceConfig s = ServiceConfig.builder("web").environment(env).build();
        env.clear();
        assertEquals(List.of("Z", "UNSET", "A"), List.copyOf(s.environment().keySet()));
        assertNull(s.environment().get("UNSET"));
        assertThrows(UnsupportedOperationException.class, () -> s.environment().put("B", "3"));
    }

    @Test
    void testEmptyCommandIsNotAnUnsetCommand() {
        List<String> command = new ArrayList<>();
        ServiceConfig s = ServiceConfig.builder("web").command(command).build();
        command.add("changed");
        assertEquals(List.of(), s.command());
    }

    @Test
    void testWithers() {
        ServiceConfig s = ServiceConfig.builder("web").image("nginx").build();
        assertEquals(3, s.withScale(3).scale());
        assertEquals("nginx", s.withScale(3).image());
        assertEquals(s, s.toBuilder().build());
        assertThrows(IllegalArgumentException.class, () -> s.withScale(-1));
    }

    @Test
    void testPortAndHealthcheckDefaults() {
        assertEquals("tcp", new PortConfig(80, null, null, null, null, null, null).protocol());
        assertEquals("ingress", new PortConfig(80, null, null, null, null, null, null).mode());
        assertThrows(IllegalArgumentException.class, () -> PortConfig.of(0, null));
        assertEquals(true, new HealthCheck(List.of("NONE"), null, null, null, null, null, false).disable());
    }

    @Test
    void testIgnoredAttributes_listsWhatTheEngineDoesNotActOn() {
        ServiceConfig s = ServiceConfig.builder("web").image("nginx")
                .ulimits(java.util.Map.of("nofile", Ulimit.of(1024)))
                .storageOpt(java.util.Map.of("size", "1G"))
                .otherAttributes(java.util.Map.of("deploy", java.util.Map.of("replicas", 2L)))
                .capAdd(List.of("NET_ADMIN"))
                .build();
        assertEquals(List.of("image", "cap_add", "ulimits", "storage_opt", "deploy"), s.setAttributes());
        assertEquals(List.of("storage_opt"), s.ignoredAttributes(), "ulimits are acted on");
        ServiceConfig placed = s.toBuilder().otherAttributes(java.util.Map.of("deploy",
                java.util.Map.of("placement", java.util.Map.of()))).build();
        assertEquals(List.of("storage_opt", "deploy"), placed.ignoredAttributes());
        ServiceConfig reserved = s.toBuilder().otherAttributes(java.util.Map.of("deploy", java.util.Map.of("resources",
                java.util.Map.of("limits", java.util.Map.of("cpus", "0.5"), "reservations", java.util.Map.of("memory", "64m"))))).build();
        assertEquals(List.of("storage_opt"), reserved.ignoredAttributes(), "reservations.memory fills mem_reservation");
        ServiceConfig reservedCpus = s.toBuilder().otherAttributes(java.util.Map.of("deploy", java.util.Map.of("resources",
                java.util.Map.of("reservations", java.util.Map.of("cpus", "0.5"))))).build();
        assertEquals(List.of("storage_opt", "deploy"), reservedCpus.ignoredAttributes(), "reservations.cpus is a swarm option");
        ServiceConfig limited = ServiceConfig.builder("x").image("x").cpuset("0").memReservation(1L).memswapLimit(-1L)
                .devices(List.of(new DeviceMapping("/dev/fuse", null, null))).logging(new LoggingConfig(null, java.util.Map.of()))
                .securityOpt(List.of("seccomp=unconfined")).cpuShares(512L).build();
        assertEquals(List.of(), limited.ignoredAttributes());
        ServiceConfig hardened = ServiceConfig.builder("db").image("postgres").readOnly(true).shmSize(1L << 28)
                .sysctls(java.util.Map.of("net.core.somaxconn", "1024")).groupAdd(List.of("audio")).oomScoreAdj(100L).build();
        assertEquals(List.of(), hardened.ignoredAttributes());
    }

    @Test
    void testProjectIgnoredAttributes() {
        Project p = new Project("p", java.nio.file.Path.of("/p"), List.of(ServiceConfig.builder("web").image("x")
                .storageOpt(java.util.Map.of("size", "1G")).build()), java.util.Map.of(), java.util.Map.of(), List.of(),
                List.of(), java.util.Map.of("s", new FileObjectConfig("p_s", "/f", null, null, false, null, null, null,
                        null)), java.util.Map.of(), java.util.Map.of());
        assertEquals(List.of("services.web.storage_opt", "secrets"), p.ignoredAttributes());
    }
}
