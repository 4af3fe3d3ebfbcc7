package dev.jcompose.compose.bind;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.jcompose.compose.ComposeFileException;
import dev.jcompose.compose.loader.ProjectLoader;
import dev.jcompose.compose.loader.ProjectOptions;
import dev.jcompose.compose.model.Project;
import dev.jcompose.compose.model.ServiceConfig;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class ProjectBinderTest {

    private static Project load(String services) {
        return ProjectLoader.loadContent(ProjectOptions.of(Path.of("/tmp/binder")), "compose.yaml",
                "services:\n" + services);
    }

    private static ComposeFileException fails(String services) {
        return assertThrows(ComposeFileException.class, () -> load(services));
    }

    @Test
    void testBind_deployFillsScaleAndLimits() {
        ServiceConfig s = load("  a:\n    image: x\n    deploy: {replicas: 3, resources: {limits: {memory: 1g, cpus: '0.5',"
                + " pids: 64}}}\n").services().get(0);
        assertEquals(3, s.scale());
        assertEquals(1024L * 1024 * 1024, s.memLimit());
        assertEquals(0.5, s.cpus());
        assertEquals(64L, s.pidsLimit());
        ServiceConfig own = load("  a:\n    image: x\n    scale: 2\n    mem_limit: 1m\n    deploy: {replicas: 3,"
                + " resources: {limits: {memory: 1g}}}\n").services().get(0);
        assertEquals(2, own.scale());
        assertEquals(1024L * 1024, own.memLimit());
    }

    @Test
    void testBind_portErrors() {
        assertEquals("compose.yaml:4:22: services.a.ports[0].target: \"http\" is not a port number (1-65535)",
                fails("  a:\n    image: x\n    ports: [{target: http}]\n").getMessage());
        assertEquals("compose.yaml:4:13: services.a.ports[0]: a port needs a target (the port inside the container)",
                fails("  a:\n    image: x\n    ports: [{published: 80}]\n").getMessage());
        assertEquals("compose.yaml:4:37: services.a.ports[0].published: \"eighty\" is not a port or a port range"
                + " (such as 8080 or 8000-8010)", fails("  a:\n    image: x\n    ports: [{target: 80, published:"
                + " eighty}]\n").getMessage());
    }

    @Test
    void testBind_volumeErrors() {
        ComposeFileException npipe = fails("  a:\n    image: x\n    volumes: [{type: npipe, source: p, target: /p}]\n");
        assertEquals(ComposeFileException.Category.UNSUPPORTED, npipe.category());
        assertEquals("compose.yaml:4:22: services.a.volumes[0].type: mounts of type npipe are not supported yet"
                + " (volume, bind and tmpfs are)", npipe.getMessage());
        assertEquals("compose.yaml:4:15: services.a.volumes[0]: a volume in the long syntax needs a type (volume,"
                + " bind or tmpfs)", fails("  a:\n    image: x\n    volumes: [{target: /x}]\n").getMessage());
        assertEquals("compose.yaml:4:15: services.a.volumes[0].target: \"data\" must be an absolute path in the"
                + " container", fails("  a:\n    image: x\n    volumes: [\"./d:data\"]\n").getMessage());
        assertEquals("compose.yaml:4:15: services.a.volumes[0]: a bind mount needs a source (a path on the host)",
                fails("  a:\n    image: x\n    volumes: [{type: bind, target: /x}]\n").getMessage());
    }

    @Test
    void testBind_externalResourcesCannotBeConfigured() {
        assertEquals("compose.yaml:4:23: networks.n: an external resource is created outside this project, so"
                + " \"driver\" cannot be set on it", assertThrows(ComposeFileException.class, () -> load(
                "  a: {image: x}\nnetworks:\n  n: {external: true, driver: overlay}\n")).getMessage());
    }

    @Test
    void testBind_enumsAreChecked() {
        assertEquals("compose.yaml:4:18: services.a.pull_policy: \"sometimes\" is not valid here (expected always,"
                + " never, missing, build, refresh, daily, weekly or every_<duration>)",
                fails("  a:\n    image: x\n    pull_policy: sometimes\n").getMessage());
        assertEquals("every_12h", load("  a:\n    image: x\n    pull_policy: every_12h\n").services().get(0).pullPolicy());
        assertEquals("compose.yaml:4:36: services.a.ports[0].protocol: \"http\" is not valid here (expected tcp, udp"
                + " or sctp)", fails("  a:\n    image: x\n    ports: [{target: 80, protocol: http}]\n").getMessage());
    }
}
