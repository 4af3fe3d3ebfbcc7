package dev.jcompose.compose.validate;

import dev.jcompose.compose.validate.Shape.Anything;
import dev.jcompose.compose.validate.Shape.Either;
import dev.jcompose.compose.validate.Shape.Field;
import dev.jcompose.compose.validate.Shape.ListOf;
import dev.jcompose.compose.validate.Shape.MapOf;
import dev.jcompose.compose.validate.Shape.Scalar;
import dev.jcompose.compose.validate.Shape.Struct;
import dev.jcompose.compose.validate.Shape.Support;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Which keys a Compose file may have and what shape their values take, after the Compose
 * Specification's {@code compose-spec.json} (a test compares these key lists with it), and
 * which of them jcompose models, ignores with a warning, or rejects.
 */
public final class Schema {

    private static final Pattern NAME = Pattern.compile("^[a-zA-Z0-9._-]+$");
    private static final String NAME_RULE = "letters, digits, '.', '_' and '-' only";

    static final Shape STRING = new Scalar("a string");
    static final Shape NUMBER = new Scalar("a number");
    static final Shape BOOLEAN = new Scalar("a boolean");
    static final Shape ANY = new Anything();
    static final Shape STRINGS = new ListOf(STRING);
    static final Shape STRING_OR_LIST = either(STRING, STRINGS);
    static final Shape LIST_OR_DICT = either(new MapOf(new Scalar("a string, number or boolean"), null, null),
            STRINGS);

    static final Shape BUILD = either(STRING, struct(
            "context", STRING, "dockerfile", STRING, "args", LIST_OR_DICT, "target", STRING,
            "additional_contexts", null, "cache_from", null, "cache_to", null, "dockerfile_inline", null,
            "entitlements", null, "extra_hosts", null, "isolation", null, "labels", null, "network", null,
            "no_cache", null, "platforms", null, "privileged", null, "provenance", null, "pull", null,
            "sbom", null, "secrets", null, "shm_size", null, "ssh", null, "tags", null, "ulimits", null));

    static final Shape HEALTHCHECK = struct(
            "test", STRING_OR_LIST, "interval", STRING, "timeout", STRING, "retries", NUMBER,
            "start_period", STRING, "start_interval", STRING, "disable", BOOLEAN);

    static final Shape DEPLOY = struct(
            "replicas", NUMBER,
            "resources", struct(
                    "limits", struct("cpus", NUMBER, "memory", STRING, "pids", NUMBER),
                    "reservations", null),
            "mode", null, "endpoint_mode", null, "labels", null, "placement", null, "restart_policy", null,
            "rollback_config", null, "update_config", null);

    static final Shape DEPENDS_ON = either(STRINGS, names(struct(
            "condition", STRING, "restart", BOOLEAN, "required", BOOLEAN)));

    static final Shape SERVICE_NETWORKS = either(STRINGS, names(struct(
            "aliases", STRINGS, "ipv4_address", STRING, "ipv6_address", STRING,
            "interface_name", null, "link_local_ips", null, "mac_address", null, "driver_opts", null,
            "priority", null, "gw_priority", null)));

    static final Shape PORT = struct(
            "target", NUMBER, "published", STRING, "host_ip", STRING, "protocol", STRING, "mode", STRING,
            "name", STRING, "app_protocol", STRING);

    static final Shape SERVICE_VOLUME = struct(
            "type", STRING, "source", STRING, "target", STRING, "read_only", BOOLEAN,
            "bind", struct("propagation", STRING, "create_host_path", BOOLEAN, "selinux", STRING, "recursive", null),
            "volume", struct("nocopy", BOOLEAN, "subpath", STRING, "labels", null),
            "tmpfs", struct("size", STRING, "mode", NUMBER),
            "consistency", null, "image", null);

    static final Shape ENV_FILE = either(STRING, new ListOf(either(STRING,
            struct("path", STRING, "required", BOOLEAN, "format", null))));

    static final Shape EXTRA_HOSTS = either(new MapOf(STRING_OR_LIST, null, null), STRINGS);

    static final Struct SERVICE = struct(
            "image", STRING, "build", BUILD, "command", STRING_OR_LIST, "entrypoint", STRING_OR_LIST,
            "environment", LIST_OR_DICT, "env_file", ENV_FILE, "container_name", STRING, "hostname", STRING,
            "domainname", STRING, "working_dir", STRING, "user", STRING, "depends_on", DEPENDS_ON,
            "links", STRINGS, "volumes_from", STRINGS, "network_mode", STRING, "networks", SERVICE_NETWORKS,
            "ports", new ListOf(either(STRING, PORT)), "expose", STRINGS,
            "volumes", new ListOf(either(STRING, SERVICE_VOLUME)), "labels", LIST_OR_DICT,
            "stop_grace_period", STRING, "stop_signal", STRING, "restart", STRING, "init", BOOLEAN,
            "profiles", STRINGS, "scale", NUMBER, "deploy", DEPLOY, "tty", BOOLEAN, "stdin_open", BOOLEAN,
            "privileged", BOOLEAN, "read_only", BOOLEAN, "cap_add", STRINGS, "cap_drop", STRINGS,
            "mem_limit", STRING, "pids_limit", NUMBER, "cpus", NUMBER, "shm_size", STRING,
            "extra_hosts", EXTRA_HOSTS, "dns", STRING_OR_LIST, "dns_search", STRING_OR_LIST, "dns_opt", STRINGS,
            "tmpfs", STRING_OR_LIST, "sysctls", LIST_OR_DICT, "healthcheck", HEALTHCHECK,
            "pull_policy", STRING, "platform", STRING,
            "extends", either(STRING, struct("service", STRING, "file", STRING)),
            "annotations", null, "attach", null, "blkio_config", null, "cgroup", null, "cgroup_parent", null,
            "configs", null, "cpu_count", null, "cpu_percent", null, "cpu_period", null, "cpu_quota", null,
            "cpu_rt_period", null, "cpu_rt_runtime", null, "cpu_shares", null, "cpuset", null,
            "credential_spec", null, "develop", null, "device_cgroup_rules", null, "devices", null,
            "external_links", null, "gpus", null, "group_add", null, "ipc", null, "isolation", null,
            "label_file", null, "logging", null, "mac_address", null, "mem_reservation", null,
            "mem_swappiness", null, "memswap_limit", null, "models", null, "oom_kill_disable", null,
            "oom_score_adj", null, "pid", null, "post_start", null, "pre_stop", null, "provider", null,
            "pull_refresh_after", null, "runtime", null, "secrets", null, "security_opt", null,
            "storage_opt", null, "ulimits", null, "use_api_socket", null, "userns_mode", null, "uts", null);

    static final Shape EXTERNAL = either(BOOLEAN, struct("name", STRING));

    static final Struct NETWORK = struct(
            "name", STRING, "driver", STRING, "driver_opts", new MapOf(STRING, null, null),
            "ipam", struct("driver", STRING,
                    "config", new ListOf(struct("subnet", STRING, "gateway", STRING, "ip_range", STRING,
                            "aux_addresses", new MapOf(STRING, null, null))),
                    "options", new MapOf(STRING, null, null)),
            "external", EXTERNAL, "internal", BOOLEAN, "attachable", BOOLEAN, "enable_ipv6", BOOLEAN,
            "labels", LIST_OR_DICT, "enable_ipv4", null);

    static final Struct VOLUME = struct(
            "name", STRING, "driver", STRING, "driver_opts", new MapOf(STRING, null, null),
            "external", EXTERNAL, "labels", LIST_OR_DICT);

    /** The whole file. */
    public static final Struct FILE = struct(
            "version", new Field(ANY, Support.OBSOLETE, null),
            "name", STRING,
            "services", names(SERVICE),
            "networks", names(NETWORK),
            "volumes", names(VOLUME),
            "include", new ListOf(either(STRING, struct("path", STRING_OR_LIST, "project_directory", STRING,
                    "env_file", STRING_OR_LIST))),
            "secrets", null, "configs", null, "models", null);

    private Schema() {
    }

    private static Shape either(Shape... options) {
        return new Either(List.of(options));
    }

    private static Shape names(Shape value) {
        return new MapOf(value, NAME, NAME_RULE);
    }

    private static Field rejected(String hint) {
        return new Field(ANY, Support.REJECTED, hint);
    }

    /**
     * Pairs of key and shape; a null shape means "defined by the specification, ignored by
     * jcompose"; a {@link Field} is used as given.
     */
    private static Struct struct(Object... keysAndShapes) {
        Map<String, Field> fields = new LinkedHashMap<>();
        for (int i = 0; i < keysAndShapes.length; i += 2) {
            Object shape = keysAndShapes[i + 1];
            Field field = shape instanceof Field f ? f
                    : shape == null ? new Field(ANY, Support.IGNORED, null)
                    : new Field((Shape) shape, Support.MODELED, null);
            fields.put((String) keysAndShapes[i], field);
        }
        return new Struct(fields);
    }
}
