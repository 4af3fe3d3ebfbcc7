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

    static final Shape ANY_MAP = new MapOf(ANY, null, null);
    static final Shape SCALAR_MAP = new MapOf(new Scalar("a string, number or boolean"), null, null);

    static final Shape ULIMITS = new MapOf(either(NUMBER, struct("soft", NUMBER, "hard", NUMBER)), null, null);

    static final Shape BUILD = either(STRING, struct(
            "context", STRING, "dockerfile", STRING, "args", LIST_OR_DICT, "target", STRING,
            "additional_contexts", LIST_OR_DICT, "cache_from", STRINGS, "cache_to", STRINGS,
            "dockerfile_inline", STRING, "entitlements", STRINGS, "extra_hosts", either(ANY_MAP, STRINGS),
            "isolation", STRING, "labels", LIST_OR_DICT, "network", STRING, "no_cache", BOOLEAN,
            "platforms", STRINGS, "privileged", BOOLEAN, "provenance", STRING, "pull", BOOLEAN, "sbom", STRING,
            "secrets", new ListOf(either(STRING, struct("source", STRING, "target", STRING, "uid", STRING,
                    "gid", STRING, "mode", NUMBER))),
            "shm_size", STRING, "ssh", either(SCALAR_MAP, STRINGS), "tags", STRINGS, "ulimits", ULIMITS));

    static final Shape HEALTHCHECK = struct(
            "test", STRING_OR_LIST, "interval", STRING, "timeout", STRING, "retries", NUMBER,
            "start_period", STRING, "start_interval", STRING, "disable", BOOLEAN);

    private static final Shape UPDATE_CONFIG = struct("parallelism", NUMBER, "delay", STRING,
            "failure_action", STRING, "monitor", STRING, "max_failure_ratio", NUMBER, "order", STRING);

    static final Shape DEPLOY = struct(
            "replicas", NUMBER,
            "resources", struct(
                    "limits", struct("cpus", NUMBER, "memory", STRING, "pids", NUMBER),
                    "reservations", struct("cpus", NUMBER, "memory", STRING, "generic_resources", ANY,
                            "devices", new ListOf(struct("capabilities", STRINGS, "count", STRING,
                                    "device_ids", STRINGS, "driver", STRING, "options", ANY_MAP)))),
            "mode", STRING, "endpoint_mode", STRING, "labels", LIST_OR_DICT,
            "placement", struct("constraints", STRINGS, "preferences", new ListOf(struct("spread", STRING)),
                    "max_replicas_per_node", NUMBER),
            "restart_policy", struct("condition", STRING, "delay", STRING, "max_attempts", NUMBER, "window", STRING),
            "rollback_config", UPDATE_CONFIG, "update_config", UPDATE_CONFIG);

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
            struct("path", STRING, "required", BOOLEAN, "format", STRING))));

    static final Shape EXTRA_HOSTS = either(new MapOf(STRING_OR_LIST, null, null), STRINGS);

    static final Shape FILE_REFERENCES = new ListOf(either(STRING, struct(
            "source", STRING, "target", STRING, "uid", STRING, "gid", STRING, "mode", NUMBER)));

    private static final Shape HOOK = struct("command", STRING_OR_LIST, "user", STRING, "privileged", BOOLEAN,
            "working_dir", STRING, "environment", LIST_OR_DICT);

    private static final Shape DEVICE_RATES = new ListOf(struct("path", STRING, "rate", STRING));

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
            "annotations", LIST_OR_DICT, "attach", BOOLEAN,
            "blkio_config", struct("device_read_bps", DEVICE_RATES, "device_read_iops", DEVICE_RATES,
                    "device_write_bps", DEVICE_RATES, "device_write_iops", DEVICE_RATES, "weight", NUMBER,
                    "weight_device", new ListOf(struct("path", STRING, "weight", NUMBER))),
            "cgroup", STRING, "cgroup_parent", STRING, "configs", FILE_REFERENCES,
            "cpu_count", NUMBER, "cpu_percent", NUMBER, "cpu_period", STRING, "cpu_quota", STRING,
            "cpu_rt_period", STRING, "cpu_rt_runtime", STRING, "cpu_shares", NUMBER, "cpuset", STRING,
            "credential_spec", struct("config", STRING, "file", STRING, "registry", STRING),
            "develop", struct("watch", new ListOf(struct("path", STRING, "action", STRING, "target", STRING,
                    "ignore", STRING_OR_LIST, "include", STRING_OR_LIST, "initial_sync", BOOLEAN, "exec", HOOK))),
            "device_cgroup_rules", STRINGS,
            "devices", new ListOf(either(STRING, struct("source", STRING, "target", STRING, "permissions", STRING))),
            "external_links", STRINGS,
            "gpus", either(STRING, new ListOf(struct("capabilities", STRINGS, "count", STRING, "device_ids", STRINGS,
                    "driver", STRING, "options", ANY_MAP))),
            "group_add", STRINGS, "ipc", STRING, "isolation", STRING, "label_file", STRING_OR_LIST,
            "logging", struct("driver", STRING, "options", SCALAR_MAP), "mac_address", STRING,
            "mem_reservation", STRING, "mem_swappiness", NUMBER, "memswap_limit", STRING,
            "models", either(STRINGS, names(struct("endpoint_var", STRING, "model_var", STRING))),
            "oom_kill_disable", BOOLEAN, "oom_score_adj", NUMBER, "pid", STRING,
            "post_start", new ListOf(HOOK), "pre_stop", new ListOf(HOOK),
            "pre_start", new ListOf(struct("command", STRING_OR_LIST, "user", STRING, "privileged", BOOLEAN,
                    "working_dir", STRING, "environment", LIST_OR_DICT, "image", STRING)),
            "provider", struct("type", STRING, "options", ANY_MAP), "pull_refresh_after", STRING,
            "runtime", STRING, "secrets", FILE_REFERENCES, "security_opt", STRINGS,
            "storage_opt", SCALAR_MAP, "ulimits", ULIMITS, "use_api_socket", BOOLEAN, "userns_mode", STRING,
            "uts", STRING);

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

    static final Struct FILE_OBJECT = struct(
            "name", STRING, "file", STRING, "environment", STRING, "content", STRING, "external", EXTERNAL,
            "labels", LIST_OR_DICT, "driver", STRING, "driver_opts", SCALAR_MAP, "template_driver", STRING);

    /** The whole file. */
    public static final Struct FILE = struct(
            "version", new Field(ANY, Support.OBSOLETE, null),
            "name", STRING,
            "services", names(SERVICE),
            "networks", names(NETWORK),
            "volumes", names(VOLUME),
            "secrets", names(FILE_OBJECT), "configs", names(FILE_OBJECT),
            "models", names(struct("model", STRING, "context_size", NUMBER, "runtime_flags", STRINGS)),
            "include", new ListOf(either(STRING, struct("path", STRING_OR_LIST, "project_directory", STRING,
                    "env_file", STRING_OR_LIST))));

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
