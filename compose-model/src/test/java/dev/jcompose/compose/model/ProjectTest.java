package dev.jcompose.compose.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.jcompose.compose.ComposeFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ProjectTest {

    private static Project project(ServiceConfig... services) {
        return new Project("p", Path.of("/p"), List.of(services), Map.of(), Map.of(), List.of());
    }

    @Test
    void testCollectionsAreCopies() {
        List<ServiceConfig> services = new ArrayList<>(List.of(ServiceConfig.builder("a").image("x").build()));
        Project project = new Project("p", Path.of("/p"), services, Map.of(), Map.of(), List.of());
        services.clear();
        assertEquals(List.of("a"), project.serviceNames());
        assertThrows(UnsupportedOperationException.class, () -> project.services().clear());
    }

    @Test
    void testWithProfiles_servicesWithoutProfilesAreAlwaysOn() {
        Project project = project(ServiceConfig.builder("web").build(),
                ServiceConfig.builder("debug").profiles(List.of("dev")).build());
        assertEquals(List.of("web"), project.withProfiles(Set.of(), Set.of()).serviceNames());
        assertEquals(List.of("web", "debug"), project.withProfiles(Set.of("dev"), Set.of()).serviceNames());
        assertEquals(List.of("web", "debug"), project.withProfiles(Set.of(), Set.of("debug")).serviceNames());
        assertEquals(List.of("web", "debug"), project.withProfiles(Set.of("*"), Set.of()).serviceNames());
    }

    @Test
    void testWithProfiles_dependenciesOnDisabledServices() {
        ServiceConfig tools = ServiceConfig.builder("tools").profiles(List.of("ops")).build();
        ServiceConfig optional = ServiceConfig.builder("web")
                .dependsOn(Map.of("tools", new DependsOn(DependsOn.Condition.SERVICE_STARTED, false, false))).build();
        assertEquals(Map.of(), project(optional, tools).withProfiles(Set.of(), Set.of()).services().get(0).dependsOn());
        ServiceConfig required = optional.toBuilder().dependsOn(Map.of("tools", DependsOn.started())).build();
        assertEquals("service \"web\" depends on \"tools\", which is disabled; enable one of its profiles [ops]"
                + " (--profile), or set required: false on the dependency", assertThrows(ComposeFileException.class,
                () -> project(required, tools).withProfiles(Set.of(), Set.of())).getMessage());
    }
}
