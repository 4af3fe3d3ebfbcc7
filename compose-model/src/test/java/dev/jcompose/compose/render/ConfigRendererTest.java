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

    @Test
    void testRender_roundTripsEveryKindOfAttribute() {
        String yaml = """
                services:
                  app:
                    image: app
                    build: {context: ., labels: [a=b], cache_from: [x], secrets: [s]}
                    ulimits: {nproc: 10, nofile: {soft: 1, hard: 2}}
                    devices: ["/dev/fuse:r", "/dev/sda:/dev/xvda:rwm"]
                    logging: {driver: syslog, options: {tag: x}}
                    secrets: [s, {source: s, target: /run/t, mode: 0400}]
                    configs: [c]
                    security_opt: [no-new-privileges]
                    cpu_period: 100ms
                    memswap_limit: -1
                    oom_kill_disable: true
                    deploy: {replicas: 2, placement: {constraints: [a==b]}, resources: {limits: {cpus: "0.5"}}}
                    develop: {watch: [{path: ./src, action: rebuild}]}
                    gpus: all
                    x-extension: kept-in-the-file-only
                secrets:
                  s: {file: ./s.txt}
                configs:
                  c: {content: "hello"}
                models:
                  m: {model: ai/smollm2}
                """;
        ProjectOptions options = ProjectOptions.of(dir).withEnvironment(Map.of("HOME", "/h"));
        Project first = ProjectLoader.loadContent(options, "compose.yaml", yaml);
        String rendered = ConfigRenderer.render(first);
        Project second = ProjectLoader.loadContent(options, "compose.yaml", rendered);
        assertEquals(first.services(), second.services());
        assertEquals(first.secrets(), second.secrets());
        assertEquals(first.configs(), second.configs());
        assertEquals(first.models(), second.models());
        assertEquals(rendered, ConfigRenderer.render(second));
        assertEquals(ConfigRenderer.tree(first), ConfigRenderer.tree(second));
    }
}
