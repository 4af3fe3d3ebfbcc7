package dev.jcompose.scheduler;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.jcompose.compose.loader.ProjectLoader;
import dev.jcompose.compose.loader.ProjectOptions;
import dev.jcompose.compose.model.DependsOn;
import dev.jcompose.compose.model.Project;
import dev.jcompose.compose.model.ServiceConfig;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ServiceGraphTest {

    @Test
    void testOf_edgesFromEveryKindOfDependency() {
        List<ServiceConfig> services = List.of(
                ServiceConfig.builder("app").image("x").links(List.of("db:database"))
                        .volumesFrom(List.of("data:ro", "container:other")).networkMode("service:vpn").build(),
                ServiceConfig.builder("db").image("x").build(),
                ServiceConfig.builder("data").image("x").build(),
                ServiceConfig.builder("vpn").image("x").build());
        ServiceGraph graph = ServiceGraph.of(services);
        assertEquals(Set.of("data", "db", "vpn"), graph.dependenciesOf("app"));
        assertEquals(Set.of("app"), graph.dependentsOf("db"));
    }

    @Test
    void testOf_fromALoadedProject() {
        Project project = ProjectLoader.loadContent(ProjectOptions.of(Path.of("/tmp/p")), "compose.yaml",
                "services:\n  web: {image: x, depends_on: [db], links: [cache]}\n  db: {image: x}\n"
                        + "  cache: {image: x}\n");
        ServiceGraph graph = ServiceGraph.of(project);
        assertEquals(Set.of("cache", "db"), graph.dependenciesOf("web"));
        assertEquals(Set.of("cache", "db", "web"), graph.services());
    }

    @Test
    void testOf_cycleShowsTheWholeChainInAStableOrder() {
        assertEquals("dependency cycle detected: a -> b -> a", assertThrows(DependencyCycleException.class,
                () -> Services.graph("b->a", "a->b")).getMessage());
        DependencyCycleException three = assertThrows(DependencyCycleException.class,
                () -> Services.graph("web->api", "api->db", "db->web", "other"));
        assertEquals("dependency cycle detected: api -> db -> web -> api", three.getMessage());
        assertEquals(List.of("api", "db", "web", "api"), three.cycle());
        assertEquals("dependency cycle detected: solo -> solo", assertThrows(DependencyCycleException.class,
                () -> Services.graph("solo->solo")).getMessage());
        assertEquals("dependency cycle detected: c -> d -> c", assertThrows(DependencyCycleException.class,
                () -> Services.graph("a->b", "b->c", "c->d", "d->c")).getMessage());
    }

    @Test
    void testOf_undefinedDependencies() {
        assertEquals("service \"web\" depends on undefined service \"db\"", assertThrows(UnknownServiceException.class,
                () -> Services.graph("web->db")).getMessage());
        ServiceConfig optional = ServiceConfig.builder("web").image("x")
                .dependsOn(Map.of("db", new DependsOn(DependsOn.Condition.SERVICE_STARTED, false, false))).build();
        assertEquals(Set.of(), ServiceGraph.of(List.of(optional)).dependenciesOf("web"));
    }

    @Test
    void testSelectForUp_addsDependenciesUnlessNoDeps() {
        ServiceGraph graph = Services.graph("proxy->web", "web->db,cache", "db", "cache", "worker->db");
        assertEquals(Set.of("cache", "db", "web"), graph.selectForUp(List.of("web"), false));
        assertEquals(Set.of("web"), graph.selectForUp(List.of("web"), true));
        assertEquals(graph.services(), graph.selectForUp(List.of(), false));
    }

    @Test
    void testSelectForStop_addsDependents() {
        ServiceGraph graph = Services.graph("proxy->web", "web->db,cache", "db", "cache", "worker->db");
        assertEquals(Set.of("db", "proxy", "web", "worker"), graph.selectForStop(List.of("db")));
        assertEquals(Set.of("proxy"), graph.selectForStop(List.of("proxy")));
    }

    @Test
    void testSelectForRestart_addsOnlyDependentsThatAskForIt_transitively() {
        ServiceGraph graph = Services.graph("proxy->web!", "web->db!,cache", "db", "cache", "worker->db", "audit->web");
        assertEquals(Set.of("db", "proxy", "web"), graph.selectForRestart(List.of("db")));
        assertEquals(Set.of("cache"), graph.selectForRestart(List.of("cache")));
        assertEquals(graph.services(), graph.selectForRestart(List.of()));
        assertEquals(Set.of("proxy", "web"), graph.restartDependentsOf("db"));
        assertEquals(Set.of(), graph.restartDependentsOf("worker"));
    }

    @Test
    void testUnknownServiceNames() {
        ServiceGraph graph = Services.graph("web", "db");
        UnknownServiceException e = assertThrows(UnknownServiceException.class,
                () -> graph.selectForUp(List.of("wbe"), false));
        assertEquals("no such service: \"wbe\" (did you mean \"web\"?)", e.getMessage());
        assertEquals("wbe", e.service());
    }
}
