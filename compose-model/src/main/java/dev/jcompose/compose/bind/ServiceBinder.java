package dev.jcompose.compose.bind;

import dev.jcompose.compose.model.BuildConfig;
import dev.jcompose.compose.model.DependsOn;
import dev.jcompose.compose.model.HealthCheck;
import dev.jcompose.compose.model.ServiceConfig;
import dev.jcompose.compose.model.ServiceNetwork;
import dev.jcompose.compose.tree.Nodes;
import dev.jcompose.compose.tree.Problems;
import dev.jcompose.compose.tree.TreePath;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;

/** Binds one normalized service mapping to a {@link ServiceConfig}. */
final class ServiceBinder {

    private static final Pattern RESTART = Pattern.compile("^(no|always|unless-stopped|on-failure(:\\d+)?)$");
    private static final Pattern PULL_POLICY = Pattern.compile(
            "^(always|never|missing|if_not_present|build|refresh|daily|weekly|every_(\\d+[wdhms])+)$");

    private static final Set<String> BUILD_TYPED = Set.of("context", "dockerfile", "args", "target");

    private ServiceBinder() {
    }

    static ServiceConfig bind(String name, MappingNode s, TreePath path) {
        MappingNode deploy = Nodes.getMapping(s, "deploy");
        MappingNode resources = deploy == null ? null : Nodes.getMapping(deploy, "resources");
        MappingNode limits = resources == null ? null : Nodes.getMapping(resources, "limits");
        TreePath limitsPath = path.key("deploy").key("resources").key("limits");
        MappingNode reservations = resources == null ? null : Nodes.getMapping(resources, "reservations");
        TreePath reservationsPath = path.key("deploy").key("resources").key("reservations");
        Long scale = Values.integer(s, "scale", path);
        if (scale == null) {
            scale = deploy == null ? null : Values.integer(deploy, "replicas", path.key("deploy"));
        }
        Long memLimit = Values.bytes(s, "mem_limit", path);
        Long pidsLimit = Values.integer(s, "pids_limit", path);
        Double cpus = Values.number(s, "cpus", path);
        Long memReservation = Values.bytes(s, "mem_reservation", path);
        return ServiceConfig.builder(name)
                .image(Values.string(s, "image"))
                .build(build(Nodes.getMapping(s, "build"), path.key("build")))
                .entrypoint(Values.strings(s, "entrypoint"))
                .command(Values.strings(s, "command"))
                .environment(Values.map(s, "environment", path, null))
                .containerName(Values.string(s, "container_name"))
                .hostname(Values.string(s, "hostname"))
                .domainname(Values.string(s, "domainname"))
                .workingDir(Values.string(s, "working_dir"))
                .user(Values.string(s, "user"))
                .dependsOn(dependsOn(Nodes.getMapping(s, "depends_on"), path.key("depends_on")))
                .links(Values.stringsOrEmpty(s, "links"))
                .volumesFrom(Values.stringsOrEmpty(s, "volumes_from"))
                .networkMode(Values.string(s, "network_mode"))
                .networks(networks(Nodes.getMapping(s, "networks"), path.key("networks")))
                .ports(PortBinder.bind(Nodes.items(Nodes.get(s, "ports")), path.key("ports")))
                .volumes(VolumeBinder.bind(Nodes.items(Nodes.get(s, "volumes")), path.key("volumes")))
                .labels(Values.map(s, "labels", path, ""))
                .stopGracePeriod(Values.duration(s, "stop_grace_period", path))
                .stopSignal(Values.string(s, "stop_signal"))
                .restart(matching(s, "restart", path, RESTART, "no, always, on-failure[:max-retries] or unless-stopped"))
                .init(Values.bool(s, "init", path))
                .profiles(Values.stringsOrEmpty(s, "profiles"))
                .scale(scale == null ? 1 : checkScale(s, scale, path))
                .tty(Values.bool(s, "tty", path, false))
                .stdinOpen(Values.bool(s, "stdin_open", path, false))
                .privileged(Values.bool(s, "privileged", path, false))
                .readOnly(Values.bool(s, "read_only", path, false))
                .capAdd(Values.stringsOrEmpty(s, "cap_add"))
                .capDrop(Values.stringsOrEmpty(s, "cap_drop"))
                .memLimit(memLimit != null ? memLimit : Values.bytes(limits, "memory", limitsPath))
                .pidsLimit(pidsLimit != null ? pidsLimit : Values.integer(limits, "pids", limitsPath))
                .cpus(cpus != null ? cpus : Values.number(limits, "cpus", limitsPath))
                .shmSize(Values.bytes(s, "shm_size", path))
                .expose(Values.stringsOrEmpty(s, "expose"))
                .extraHosts(Values.stringsOrEmpty(s, "extra_hosts"))
                .dns(Values.stringsOrEmpty(s, "dns"))
                .dnsSearch(Values.stringsOrEmpty(s, "dns_search"))
                .dnsOptions(Values.stringsOrEmpty(s, "dns_opt"))
                .tmpfs(Values.stringsOrEmpty(s, "tmpfs"))
                .sysctls(Values.map(s, "sysctls", path, ""))
                .healthcheck(healthcheck(Nodes.getMapping(s, "healthcheck"), path.key("healthcheck")))
                .pullPolicy(matching(s, "pull_policy", path, PULL_POLICY,
                        "always, never, missing, build, refresh, daily, weekly or every_<duration>"))
                .platform(Values.string(s, "platform"))
                .ulimits(ExtraBinder.ulimits(s, path))
                .devices(ExtraBinder.devices(s, path))
                .logging(ExtraBinder.logging(s, path))
                .secrets(ExtraBinder.references(s, "secrets", path))
                .configs(ExtraBinder.references(s, "configs", path))
                .securityOpt(Values.stringsOrEmpty(s, "security_opt"))
                .groupAdd(Values.stringsOrEmpty(s, "group_add"))
                .externalLinks(Values.stringsOrEmpty(s, "external_links"))
                .deviceCgroupRules(Values.stringsOrEmpty(s, "device_cgroup_rules"))
                .annotations(Values.map(s, "annotations", path, ""))
                .storageOpt(Values.map(s, "storage_opt", path, ""))
                .ipc(Values.string(s, "ipc"))
                .pid(Values.string(s, "pid"))
                .uts(Values.string(s, "uts"))
                .usernsMode(Values.string(s, "userns_mode"))
                .cgroup(ExtraBinder.cgroup(s, path))
                .cgroupParent(Values.string(s, "cgroup_parent"))
                .runtime(Values.string(s, "runtime"))
                .macAddress(Values.string(s, "mac_address"))
                .isolation(Values.string(s, "isolation"))
                .cpuset(Values.string(s, "cpuset"))
                .pullRefreshAfter(Values.string(s, "pull_refresh_after"))
                .cpuShares(Values.integer(s, "cpu_shares", path))
                .cpuQuota(ExtraBinder.microseconds(s, "cpu_quota", path))
                .cpuPeriod(ExtraBinder.microseconds(s, "cpu_period", path))
                .cpuRtPeriod(ExtraBinder.microseconds(s, "cpu_rt_period", path))
                .cpuRtRuntime(ExtraBinder.microseconds(s, "cpu_rt_runtime", path))
                .cpuCount(Values.integer(s, "cpu_count", path))
                .cpuPercent(Values.integer(s, "cpu_percent", path))
                .memReservation(memReservation != null ? memReservation : Values.bytes(reservations, "memory", reservationsPath))
                .memswapLimit(ExtraBinder.bytesOrUnlimited(s, "memswap_limit", path))
                .memSwappiness(Values.integer(s, "mem_swappiness", path))
                .oomScoreAdj(Values.integer(s, "oom_score_adj", path))
                .oomKillDisable(Values.bool(s, "oom_kill_disable", path))
                .attach(Values.bool(s, "attach", path))
                .useApiSocket(Values.bool(s, "use_api_socket", path))
                .otherAttributes(ExtraBinder.other(s))
                .build();
    }

    private static BuildConfig build(MappingNode build, TreePath path) {
        if (build == null) {
            return null;
        }
        Map<String, Object> other = new LinkedHashMap<>();
        for (org.yaml.snakeyaml.nodes.NodeTuple tuple : build.getValue()) {
            String key = Nodes.keyText(tuple, path);
            if (!BUILD_TYPED.contains(key) && !Nodes.isNull(tuple.getValueNode())) {
                other.put(key, ExtraBinder.plain(tuple.getValueNode()));
            }
        }
        return new BuildConfig(Values.string(build, "context"), Values.string(build, "dockerfile"),
                Values.map(build, "args", path, null), Values.string(build, "target"), other);
    }

    private static Map<String, DependsOn> dependsOn(MappingNode dependsOn, TreePath path) {
        Map<String, DependsOn> out = new LinkedHashMap<>();
        if (dependsOn == null) {
            return out;
        }
        for (Map.Entry<String, Node> e : Nodes.entries(dependsOn, path).entrySet()) {
            MappingNode entry = e.getValue() instanceof MappingNode m ? m : Nodes.mapping(e.getValue());
            TreePath entryPath = path.key(e.getKey());
            String condition = Values.oneOf(entry, "condition", entryPath, Set.of("service_started",
                    "service_healthy", "service_completed_successfully"),
                    "service_started, service_healthy or service_completed_successfully");
            out.put(e.getKey(), new DependsOn(
                    condition == null ? DependsOn.Condition.SERVICE_STARTED : DependsOn.Condition.parse(condition),
                    Values.bool(entry, "restart", entryPath, false),
                    Values.bool(entry, "required", entryPath, true)));
        }
        return out;
    }

    private static Map<String, ServiceNetwork> networks(MappingNode networks, TreePath path) {
        Map<String, ServiceNetwork> out = new LinkedHashMap<>();
        if (networks == null) {
            return out;
        }
        for (Map.Entry<String, Node> e : Nodes.entries(networks, path).entrySet()) {
            MappingNode entry = e.getValue() instanceof MappingNode m ? m : null;
            out.put(e.getKey(), entry == null ? ServiceNetwork.plain() : new ServiceNetwork(
                    Values.stringsOrEmpty(entry, "aliases"), Values.string(entry, "ipv4_address"),
                    Values.string(entry, "ipv6_address")));
        }
        return out;
    }

    private static HealthCheck healthcheck(MappingNode h, TreePath path) {
        if (h == null) {
            return null;
        }
        Long retries = Values.integer(h, "retries", path);
        return new HealthCheck(Values.stringsOrEmpty(h, "test"), Values.duration(h, "interval", path),
                Values.duration(h, "timeout", path), Values.duration(h, "start_period", path),
                Values.duration(h, "start_interval", path), retries == null ? null : retries.intValue(),
                Values.bool(h, "disable", path, false));
    }

    private static String matching(MappingNode s, String key, TreePath path, Pattern pattern, String expected) {
        String text = Values.string(s, key);
        if (text != null && !pattern.matcher(text).matches()) {
            throw Values.error(s, key, path, Problems.quote(text) + " is not valid here (expected " + expected + ")");
        }
        return text;
    }

    private static int checkScale(MappingNode s, long scale, TreePath path) {
        if (scale < 0 || scale > 10_000) {
            throw Values.error(s, "scale", path, "must be between 0 and 10000, not " + scale);
        }
        return (int) scale;
    }
}
