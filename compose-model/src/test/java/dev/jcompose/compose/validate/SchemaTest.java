package dev.jcompose.compose.validate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jcompose.compose.SharedFiles;
import dev.jcompose.compose.validate.Shape.Either;
import dev.jcompose.compose.validate.Shape.Field;
import dev.jcompose.compose.validate.Shape.ListOf;
import dev.jcompose.compose.validate.Shape.MapOf;
import dev.jcompose.compose.validate.Shape.Struct;
import dev.jcompose.compose.validate.Shape.Support;
import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * Our key tables must list exactly the keys of the Compose Specification's JSON schema
 * ({@code ../shared/ref/compose-spec.schema.json}), so a new key in the specification shows up
 * here, and every key is either modeled, ignored with a warning, or rejected on purpose.
 */
class SchemaTest {

    private static Map<String, Object> schema;

    @BeforeAll
    @SuppressWarnings("unchecked")
    static void readSchema() throws IOException {
        Path file = SharedFiles.require("ref/compose-spec.schema.json");
        try (Reader in = Files.newBufferedReader(file)) {
            LoaderOptions options = new LoaderOptions();
            options.setCodePointLimit(16 * 1024 * 1024);
            schema = (Map<String, Object>) new Yaml(new SafeConstructor(options)).load(in);
        }
    }

    @Test
    void topLevelKeys() {
        assertKeys(schema, Schema.FILE);
    }

    @Test
    void serviceKeys() {
        TreeSet<String> expected = new TreeSet<>(props(definition("service")).keySet());
        expected.add("pre_start"); // in compose-go's newer schema (Compose v2), not yet in compose-spec.json
        assertEquals(expected, new TreeSet<>(Schema.SERVICE.fields().keySet()));
    }

    @Test
    void serviceSubKeys() {
        Map<String, Object> service = props(definition("service"));
        assertKeys(oneOf(service.get("build"), 1), struct(Schema.BUILD));
        assertKeys(definition("healthcheck"), struct(Schema.HEALTHCHECK));
        assertKeys(oneOf(get(service, "ports", "items"), 2), struct(Schema.PORT));
        assertKeys(oneOf(get(service, "volumes", "items"), 1), struct(Schema.SERVICE_VOLUME));
        Map<String, Object> volumeProps = props(oneOf(get(service, "volumes", "items"), 1));
        Struct volume = struct(Schema.SERVICE_VOLUME);
        for (String kind : List.of("bind", "volume", "tmpfs")) {
            assertKeys(map(volumeProps.get(kind)), struct(volume.fields().get(kind).shape()));
        }
        assertKeys(patternValue(oneOf(service.get("depends_on"), 1)), struct(Schema.DEPENDS_ON));
        assertKeys(oneOf(patternValue(oneOf(service.get("networks"), 1)), 0), struct(Schema.SERVICE_NETWORKS));
        assertKeys(oneOf(get(oneOf(definition("env_file"), 1), "items"), 1), struct(Schema.ENV_FILE));
    }

    @Test
    void deployKeys() {
        Map<String, Object> deploy = definition("deployment");
        Struct ours = struct(Schema.DEPLOY);
        assertKeys(deploy, ours);
        Map<String, Object> resources = map(props(deploy).get("resources"));
        Struct ourResources = struct(ours.fields().get("resources").shape());
        assertKeys(resources, ourResources);
        assertKeys(map(props(resources).get("limits")), struct(ourResources.fields().get("limits").shape()));
    }

    @Test
    void networkAndVolumeKeys() {
        assertKeys(definition("network"), Schema.NETWORK);
        Map<String, Object> ipam = map(props(definition("network")).get("ipam"));
        Struct ourIpam = struct(Schema.NETWORK.fields().get("ipam").shape());
        assertKeys(ipam, ourIpam);
        assertKeys(get(ipam, "properties", "config", "items"), struct(ourIpam.fields().get("config").shape()));
        assertKeys(definition("volume"), Schema.VOLUME);
    }

    @Test
    void everyServiceKeyIsModeled() {
        TreeSet<String> modeled = new TreeSet<>();
        Schema.SERVICE.fields().forEach((k, f) -> {
            if (f.support() == Support.MODELED) {
                modeled.add(k);
            }
        });
        assertTrue(modeled.containsAll(List.of("image", "build", "command", "entrypoint", "environment", "env_file",
                "depends_on", "links", "volumes_from", "network_mode", "networks", "ports", "volumes", "labels",
                "healthcheck", "restart", "profiles", "scale", "deploy")), modeled.toString());
        assertEquals(Schema.SERVICE.fields().keySet(), modeled, "every service attribute reaches the model");
        Schema.FILE.fields().forEach((k, f) -> assertTrue(f.support() == Support.MODELED || k.equals("version"), k));
    }

    private static void assertKeys(Map<String, Object> schemaObject, Struct ours) {
        TreeSet<String> expected = new TreeSet<>(props(schemaObject).keySet());
        TreeSet<String> actual = new TreeSet<>(ours.fields().keySet());
        assertEquals(expected, actual);
        for (Field field : ours.fields().values()) {
            if (field.support() == Support.REJECTED) {
                assertTrue(field.hint() != null && !field.hint().isEmpty(), "a rejected key says what to do instead");
            }
        }
    }

    /** The struct inside a shape: itself, the mapping option of an Either, a MapOf's or ListOf's value. */
    private static Struct struct(Shape shape) {
        if (shape instanceof Struct s) {
            return s;
        }
        if (shape instanceof MapOf m) {
            return struct(m.value());
        }
        if (shape instanceof ListOf l) {
            return struct(l.item());
        }
        for (Shape option : ((Either) shape).options()) {
            if (!(option instanceof Shape.Scalar) && !(option instanceof ListOf l && l.item() instanceof Shape.Scalar)) {
                return struct(option);
            }
        }
        throw new AssertionError("no struct in " + shape);
    }

    private static Map<String, Object> definition(String name) {
        return map(map(schema.get("definitions")).get(name));
    }

    private static Map<String, Object> props(Map<String, Object> object) {
        return map(object.get("properties"));
    }

    private static Map<String, Object> oneOf(Object object, int index) {
        return map(((List<?>) map(object).get("oneOf")).get(index));
    }

    private static Map<String, Object> patternValue(Map<String, Object> object) {
        return map(map(object.get("patternProperties")).values().iterator().next());
    }

    /** Follows raw keys of the schema's JSON. */
    private static Map<String, Object> get(Object object, String... keys) {
        Map<String, Object> current = map(object);
        for (String key : keys) {
            current = map(current.get(key));
        }
        return current;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object object) {
        return (Map<String, Object>) object;
    }
}
