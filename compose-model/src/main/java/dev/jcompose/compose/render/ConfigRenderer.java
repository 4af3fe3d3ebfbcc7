package dev.jcompose.compose.render;

import dev.jcompose.compose.bind.Durations;
import dev.jcompose.compose.model.BuildConfig;
import dev.jcompose.compose.model.DependsOn;
import dev.jcompose.compose.model.DeviceMapping;
import dev.jcompose.compose.model.FileObjectConfig;
import dev.jcompose.compose.model.FileReference;
import dev.jcompose.compose.model.LoggingConfig;
import dev.jcompose.compose.model.Ulimit;
import dev.jcompose.compose.model.HealthCheck;
import dev.jcompose.compose.model.NetworkConfig;
import dev.jcompose.compose.model.PortConfig;
import dev.jcompose.compose.model.Project;
import dev.jcompose.compose.model.ServiceConfig;
import dev.jcompose.compose.model.ServiceNetwork;
import dev.jcompose.compose.model.ServiceVolume;
import dev.jcompose.compose.model.VolumeConfig;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.Yaml;

/**
 * Writes a {@link Project} back as a Compose file in the long syntax, as
 * {@code docker compose config} does: the normalized model, with unset and default values left
 * out. Services keep their order; keys follow the model's.
 */
public final class ConfigRenderer {

    private ConfigRenderer() {
    }

    /** The project as YAML, {@code docker compose config}'s default output. */
    public static String render(Project project) {
        DumperOptions options = new DumperOptions();
        options.setDefaultFlowStyle(DumperOptions.FlowStyle.BLOCK);
        options.setIndent(2);
        options.setIndicatorIndent(2);
        options.setIndentWithIndicator(true);
        options.setWidth(200);
        return new Yaml(options).dump(tree(project));
    }

    /** The project as JSON ({@code config --format json}), with the same content as the YAML. */
    public static String renderJson(Project project) {
        return JsonWriter.write(tree(project)) + "\n";
    }

    /**
     * The project as plain values (maps in model order, lists, strings, numbers, booleans): what
     * {@link #render} and {@link #renderJson} print.
     */
    public static Map<String, Object> tree(Project project) {
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("name", project.name());
        Map<String, Object> services = new LinkedHashMap<>();
        project.services().forEach(s -> services.put(s.name(), service(s)));
        root.put("services", services);
        Map<String, Object> networks = new LinkedHashMap<>();
        project.networks().forEach((k, n) -> networks.put(k, network(n)));
        put(root, "networks", networks);
        Map<String, Object> volumes = new LinkedHashMap<>();
        project.volumes().forEach((k, v) -> volumes.put(k, volume(v)));
        put(root, "volumes", volumes);
        Map<String, Object> secrets = new LinkedHashMap<>();
        project.secrets().forEach((k, c) -> secrets.put(k, fileObject(c)));
        put(root, "secrets", secrets);
        Map<String, Object> configs = new LinkedHashMap<>();
        project.configs().forEach((k, c) -> configs.put(k, fileObject(c)));
        put(root, "configs", configs);
        put(root, "models", project.models());
        return root;
    }

    /** One service as plain values, as under {@code services:} in {@link #tree}. */
    public static Map<String, Object> service(ServiceConfig s) {
        Map<String, Object> out = new LinkedHashMap<>();
        put(out, "image", s.image());
        put(out, "build", build(s.build()));
        put(out, "entrypoint", s.entrypoint());
        put(out, "command", s.command());
        put(out, "environment", s.environment());
        put(out, "container_name", s.containerName());
        put(out, "hostname", s.hostname());
        put(out, "domainname", s.domainname());
        put(out, "working_dir", s.workingDir());
        put(out, "user", s.user());
        Map<String, Object> dependsOn = new LinkedHashMap<>();
        s.dependsOn().forEach((k, d) -> dependsOn.put(k, dependsOn(d)));
        put(out, "depends_on", dependsOn);
        put(out, "links", s.links());
        put(out, "volumes_from", s.volumesFrom());
        put(out, "network_mode", s.networkMode());
        Map<String, Object> networks = new LinkedHashMap<>();
        s.networks().forEach((k, n) -> networks.put(k, serviceNetwork(n)));
        put(out, "networks", networks);
        put(out, "ports", s.ports().stream().map(ConfigRenderer::port).toList());
        put(out, "volumes", s.volumes().stream().map(ConfigRenderer::mount).toList());
        put(out, "labels", s.labels());
        put(out, "stop_grace_period", duration(s.stopGracePeriod()));
        put(out, "stop_signal", s.stopSignal());
        put(out, "restart", s.restart());
        put(out, "init", s.init());
        put(out, "profiles", s.profiles());
        put(out, "scale", s.scale() == 1 ? null : s.scale());
        put(out, "tty", s.tty() ? true : null);
        put(out, "stdin_open", s.stdinOpen() ? true : null);
        put(out, "privileged", s.privileged() ? true : null);
        put(out, "read_only", s.readOnly() ? true : null);
        put(out, "cap_add", s.capAdd());
        put(out, "cap_drop", s.capDrop());
        put(out, "mem_limit", s.memLimit());
        put(out, "pids_limit", s.pidsLimit());
        put(out, "cpus", s.cpus());
        put(out, "shm_size", s.shmSize());
        put(out, "expose", s.expose());
        put(out, "extra_hosts", s.extraHosts());
        put(out, "dns", s.dns());
        put(out, "dns_search", s.dnsSearch());
        put(out, "dns_opt", s.dnsOptions());
        put(out, "tmpfs", s.tmpfs());
        put(out, "sysctls", s.sysctls());
        put(out, "healthcheck", healthcheck(s.healthcheck()));
        put(out, "pull_policy", s.pullPolicy());
        put(out, "platform", s.platform());
        put(out, "ulimits", ConfigRenderer.ulimits(s.ulimits()));
        put(out, "devices", s.devices().stream().map(ConfigRenderer::device).toList());
        put(out, "logging", ConfigRenderer.logging(s.logging()));
        put(out, "secrets", s.secrets().stream().map(ConfigRenderer::reference).toList());
        put(out, "configs", s.configs().stream().map(ConfigRenderer::reference).toList());
        put(out, "security_opt", s.securityOpt());
        put(out, "group_add", s.groupAdd());
        put(out, "external_links", s.externalLinks());
        put(out, "device_cgroup_rules", s.deviceCgroupRules());
        put(out, "annotations", s.annotations());
        put(out, "storage_opt", s.storageOpt());
        put(out, "ipc", s.ipc());
        put(out, "pid", s.pid());
        put(out, "uts", s.uts());
        put(out, "userns_mode", s.usernsMode());
        put(out, "cgroup", s.cgroup());
        put(out, "cgroup_parent", s.cgroupParent());
        put(out, "runtime", s.runtime());
        put(out, "mac_address", s.macAddress());
        put(out, "isolation", s.isolation());
        put(out, "cpuset", s.cpuset());
        put(out, "pull_refresh_after", s.pullRefreshAfter());
        put(out, "cpu_shares", s.cpuShares());
        put(out, "cpu_quota", s.cpuQuota());
        put(out, "cpu_period", s.cpuPeriod());
        put(out, "cpu_rt_period", s.cpuRtPeriod());
        put(out, "cpu_rt_runtime", s.cpuRtRuntime());
        put(out, "cpu_count", s.cpuCount());
        put(out, "cpu_percent", s.cpuPercent());
        put(out, "mem_reservation", s.memReservation());
        put(out, "memswap_limit", s.memswapLimit());
        put(out, "mem_swappiness", s.memSwappiness());
        put(out, "oom_score_adj", s.oomScoreAdj());
        put(out, "oom_kill_disable", s.oomKillDisable());
        put(out, "attach", s.attach());
        put(out, "use_api_socket", s.useApiSocket());
        s.otherAttributes().forEach((k, v) -> put(out, k, v));
        return out;
    }

    static Map<String, Object> ulimits(Map<String, Ulimit> ulimits) {
        Map<String, Object> out = new LinkedHashMap<>();
        ulimits.forEach((k, u) -> {
            Map<String, Object> limit = new LinkedHashMap<>();
            limit.put("soft", u.soft());
            limit.put("hard", u.hard());
            out.put(k, limit);
        });
        return out;
    }

    static Map<String, Object> device(DeviceMapping d) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("source", d.source());
        out.put("target", d.target());
        out.put("permissions", d.permissions());
        return out;
    }

    static Map<String, Object> logging(LoggingConfig l) {
        if (l == null) {
            return null;
        }
        Map<String, Object> out = new LinkedHashMap<>();
        put(out, "driver", l.driver());
        put(out, "options", l.options());
        return out;
    }

    static Map<String, Object> reference(FileReference r) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("source", r.source());
        put(out, "target", r.target());
        put(out, "uid", r.uid());
        put(out, "gid", r.gid());
        put(out, "mode", r.mode() == null ? null : "0" + Integer.toOctalString(r.mode()));
        return out;
    }

    private static Map<String, Object> fileObject(FileObjectConfig c) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("name", c.name());
        put(out, "file", c.file());
        put(out, "environment", c.environment());
        put(out, "content", c.content());
        put(out, "external", c.external() ? true : null);
        put(out, "labels", c.labels());
        put(out, "driver", c.driver());
        put(out, "driver_opts", c.driverOpts());
        put(out, "template_driver", c.templateDriver());
        return out;
    }

    private static Map<String, Object> build(BuildConfig b) {
        if (b == null) {
            return null;
        }
        Map<String, Object> out = new LinkedHashMap<>();
        put(out, "context", b.context());
        put(out, "dockerfile", b.dockerfile());
        put(out, "args", b.args());
        put(out, "target", b.target());
        b.other().forEach((k, v) -> put(out, k, v));
        return out;
    }

    private static Map<String, Object> dependsOn(DependsOn d) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("condition", d.condition().value());
        out.put("restart", d.restart());
        out.put("required", d.required());
        return out;
    }

    private static Map<String, Object> serviceNetwork(ServiceNetwork n) {
        Map<String, Object> out = new LinkedHashMap<>();
        put(out, "aliases", n.aliases());
        put(out, "ipv4_address", n.ipv4Address());
        put(out, "ipv6_address", n.ipv6Address());
        return out.isEmpty() ? null : out;
    }

    private static Map<String, Object> port(PortConfig p) {
        Map<String, Object> out = new LinkedHashMap<>();
        put(out, "name", p.name());
        put(out, "mode", p.mode());
        put(out, "host_ip", p.hostIp());
        out.put("target", p.target());
        put(out, "published", p.published());
        put(out, "protocol", p.protocol());
        put(out, "app_protocol", p.appProtocol());
        return out;
    }

    private static Map<String, Object> mount(ServiceVolume v) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("type", v.type().value());
        put(out, "source", v.source());
        out.put("target", v.target());
        put(out, "read_only", v.readOnly() ? true : null);
        if (v.bind() != null) {
            Map<String, Object> bind = new LinkedHashMap<>();
            put(bind, "propagation", v.bind().propagation());
            bind.put("create_host_path", v.bind().createHostPath());
            put(bind, "selinux", v.bind().selinux());
            out.put("bind", bind);
        }
        if (v.volume() != null) {
            Map<String, Object> volume = new LinkedHashMap<>();
            put(volume, "nocopy", v.volume().nocopy() ? true : null);
            put(volume, "subpath", v.volume().subpath());
            put(out, "volume", volume);
        }
        if (v.tmpfs() != null) {
            Map<String, Object> tmpfs = new LinkedHashMap<>();
            put(tmpfs, "size", v.tmpfs().size());
            put(tmpfs, "mode", v.tmpfs().mode() == null ? null : Integer.toOctalString(v.tmpfs().mode()));
            put(out, "tmpfs", tmpfs);
        }
        return out;
    }

    private static Map<String, Object> healthcheck(HealthCheck h) {
        if (h == null) {
            return null;
        }
        Map<String, Object> out = new LinkedHashMap<>();
        put(out, "test", h.test());
        put(out, "interval", duration(h.interval()));
        put(out, "timeout", duration(h.timeout()));
        put(out, "retries", h.retries());
        put(out, "start_period", duration(h.startPeriod()));
        put(out, "start_interval", duration(h.startInterval()));
        put(out, "disable", h.disable() ? true : null);
        return out;
    }

    private static Map<String, Object> network(NetworkConfig n) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("name", n.name());
        put(out, "driver", n.driver());
        put(out, "driver_opts", n.driverOpts());
        put(out, "external", n.external() ? true : null);
        put(out, "labels", n.labels());
        if (n.ipam() != null) {
            Map<String, Object> ipam = new LinkedHashMap<>();
            put(ipam, "driver", n.ipam().driver());
            put(ipam, "config", n.ipam().config().stream().map(p -> {
                Map<String, Object> pool = new LinkedHashMap<>();
                put(pool, "subnet", p.subnet());
                put(pool, "gateway", p.gateway());
                put(pool, "ip_range", p.ipRange());
                put(pool, "aux_addresses", p.auxAddresses());
                return pool;
            }).toList());
            out.put("ipam", ipam);
        }
        put(out, "internal", n.internal() ? true : null);
        put(out, "attachable", n.attachable() ? true : null);
        put(out, "enable_ipv6", n.enableIpv6() ? true : null);
        return out;
    }

    private static Map<String, Object> volume(VolumeConfig v) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("name", v.name());
        put(out, "driver", v.driver());
        put(out, "driver_opts", v.driverOpts());
        put(out, "external", v.external() ? true : null);
        put(out, "labels", v.labels());
        return out;
    }

    private static String duration(Duration d) {
        return d == null ? null : Durations.format(d);
    }

    /**
     * Leaves out nulls and empty collections, as Compose's {@code omitempty} (but an empty
     * command or entrypoint means "cleared"). Collections are copied so that SnakeYAML never
     * sees one object twice and writes an anchor.
     */
    private static void put(Map<String, Object> out, String key, Object value) {
        if (value == null || (value instanceof Map<?, ?> m && m.isEmpty())
                || (value instanceof List<?> l && l.isEmpty() && !key.equals("command") && !key.equals("entrypoint"))) {
            return;
        }
        out.put(key, value instanceof List<?> l ? new ArrayList<>(l)
                : value instanceof Map<?, ?> m ? new LinkedHashMap<>(m) : value);
    }
}
