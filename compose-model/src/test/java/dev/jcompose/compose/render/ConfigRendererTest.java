package dev.jcompose.compose.render;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.jcompose.compose.loader.ProjectLoader;
import dev.jcompose.compose.loader.ProjectOptions;
import dev.jcompose.compose.model.Project;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What {@code config} prints loads back into the same project. */
class ConfigRendererTest {

    @TempDir
    Path dir;

    @Test
    void testRender_roundTrips() {
        String yaml = """
                name: shop
                services:
                  web:
                    image: nginx
                    command: nginx -g "daemon off;"
                    entrypoint: []
                    ports: ["127.0.0.1:8080-8081:80-81/tcp"]
                    volumes: ["./site:/www:ro", "data:/data", "/anon"]
                    environment: {A: "1", UNSET: null}
                    depends_on: {db: {condition: service_healthy, restart: true}}
                    healthcheck: {test: curl -f localhost, interval: 1m30s, retries: 3}
                    stop_grace_period: 500ms
                    mem_limit: 1g
                    networks:
                      front: {aliases: [www]}
                  db:
                    image: postgres
                    networks: [back]
                networks:
                  front: {}
                  back: {internal: true, ipam: {config: [{subnet: 10.0.0.0/24}]}}
                volumes:
                  data: {labels: {a: b}}
                """;
        ProjectOptions options = ProjectOptions.of(dir).withEnvironment(Map.of("HOME", "/h"));
        Project first = ProjectLoader.loadContent(options, "compose.yaml", yaml);
        String rendered = ConfigRenderer.render(first);
        Project second = ProjectLoader.loadContent(options, "compose.yaml", rendered);
        assertEquals(first.services(), second.services());
        assertEquals(first.networks(), second.networks());
        assertEquals(first.volumes(), second.volumes());
        assertEquals(rendered, ConfigRenderer.render(second));
    }
}
