package dev.jcompose.compose.loader;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.jcompose.compose.ComposeFileException;
import dev.jcompose.compose.model.DependsOn;
import dev.jcompose.compose.model.PortConfig;
import dev.jcompose.compose.model.Project;
import dev.jcompose.compose.model.ServiceConfig;
import dev.jcompose.compose.model.ServiceVolume;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProjectLoaderTest {

    @TempDir
    Path dir;

    private static final String STACK = """
            services:
              web:
                image: nginx
                ports: ["8080:80"]
                depends_on:
                  db: {condition: service_healthy}
                environment: [FROM_ENV, UNSET]
              db:
                image: postgres
                volumes: [data:/var/lib/postgresql/data]
                stop_grace_period: 30s
            volumes:
              data: {}
            """;

    @Test
    void testLoadContent_firstLight() {
        Project project = ProjectLoader.loadContent(ProjectOptions.of(dir).withProjectName("shop")
                .withEnvironment(Map.of("FROM_ENV", "yes")), "compose.yaml", STACK);
        assertEquals("shop", project.name());
        assertEquals(dir.toAbsolutePath().normalize(), project.workingDir());
        assertEquals(List.of("web", "db"), project.serviceNames());
        ServiceConfig web = project.service("web").orElseThrow();
        assertEquals(List.of(PortConfig.of(80, "8080")), web.ports());
        assertEquals(new DependsOn(DependsOn.Condition.SERVICE_HEALTHY, false, true), web.dependsOn().get("db"));
        assertEquals("yes", web.environment().get("FROM_ENV"));
        assertNull(web.environment().get("UNSET"));
        assertEquals(true, web.environment().containsKey("UNSET"));
        ServiceConfig db = project.service("db").orElseThrow();
        assertEquals(Duration.ofSeconds(30), db.stopGracePeriod());
        assertEquals(new ServiceVolume(ServiceVolume.Type.VOLUME, "data", "/var/lib/postgresql/data", false, null, null,
                null), db.volumes().get(0));
        assertEquals("shop_data", project.volumes().get("data").name());
        assertEquals("shop_default", project.networks().get("default").name());
    }

    @Test
    void testLoad_dotEnvIsBeneathTheProcessEnvironment() throws IOException {
        Files.writeString(dir.resolve("compose.yaml"), "services:\n  web:\n    image: \"nginx:${TAG}\"\n"
                + "    environment: {WHO: $WHO}\n");
        Files.writeString(dir.resolve(".env"), "TAG=from-dotenv\nWHO=dotenv\nCOMPOSE_PROJECT_NAME=fromdotenv\n");
        Project project = ProjectLoader.load(dir, List.of(), Map.of("WHO", "shell"), null);
        assertEquals("nginx:from-dotenv", project.services().get(0).image());
        assertEquals("shell", project.services().get(0).environment().get("WHO"));
        assertEquals("fromdotenv", project.name());
        assertEquals(List.of(dir.resolve("compose.yaml")), project.composeFiles());
    }

    @Test
    void testLoad_envFilesReplaceDotEnv() throws IOException {
        Files.writeString(dir.resolve("compose.yaml"), "services:\n  web:\n    image: \"nginx:${TAG:-none}\"\n");
        Files.writeString(dir.resolve(".env"), "TAG=dotenv\n");
        Files.writeString(dir.resolve("prod.env"), "TAG=prod\n");
        Project project = ProjectLoader.load(ProjectOptions.of(dir).withEnvFiles(List.of(Path.of("prod.env"))));
        assertEquals("nginx:prod", project.services().get(0).image());
        Project disabled = ProjectLoader.load(ProjectOptions.of(dir)
                .withEnvironment(Map.of("COMPOSE_DISABLE_ENV_FILE", "true")));
        assertEquals("nginx:none", disabled.services().get(0).image());
    }

    @Test
    void testLoad_projectNameIsVisibleToInterpolation() {
        Project project = ProjectLoader.loadContent(ProjectOptions.of(dir).withProjectName("p1"), "compose.yaml",
                "services:\n  web:\n    image: x\n    container_name: ${COMPOSE_PROJECT_NAME}-web\n");
        assertEquals("p1-web", project.services().get(0).containerName());
    }

    @Test
    void testLoad_invalidPortMessage() {
        ComposeFileException e = assertThrows(ComposeFileException.class, () -> ProjectLoader.loadContent(
                ProjectOptions.of(dir), "compose.yaml", "services:\n  web:\n    image: x\n    ports:\n"
                        + "    - \"8080:80\"\n    - \"80:80:80\"\n"));
        assertEquals("compose.yaml:6:7: services.web.ports[1]: \"80:80:80\" is not a valid port mapping (expected"
                + " [HOST:]CONTAINER[/PROTOCOL])", e.getMessage());
        assertEquals("compose.yaml", e.file());
        assertEquals(6, e.line());
        assertEquals(7, e.column());
        assertEquals("services.web.ports[1]", e.path());
        assertEquals(ComposeFileException.Category.INVALID, e.category());
    }

    @Test
    void testLoad_valueErrorsFromTheBindPhase() {
        String bad = "services:\n  web:\n    image: x\n    mem_limit: lots\n";
        assertEquals("compose.yaml:4:16: services.web.mem_limit: \"lots\" is not a size (expected bytes, or a number"
                + " with a unit k, m, g, t or p, such as 512m or 1.5g)", assertThrows(ComposeFileException.class,
                () -> ProjectLoader.loadContent(ProjectOptions.of(dir), "compose.yaml", bad)).getMessage());
        String tty = "services:\n  web:\n    image: x\n    tty: yes\n";
        assertEquals("compose.yaml:4:10: services.web.tty: must be true or false, not \"yes\"",
                assertThrows(ComposeFileException.class,
                        () -> ProjectLoader.loadContent(ProjectOptions.of(dir), "compose.yaml", tty)).getMessage());
    }
}
