package dev.jcompose.compose.model;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Set;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One service of a project, normalized: long syntax everywhere, paths absolute, env files
 * applied, the implicit {@code default} network and dependencies filled in. Build one with
 * {@link #builder(String)}; change one with {@link #toBuilder()}.
 *
 * <p>Null means "not set" for scalars, for {@code entrypoint} and {@code command} (an empty
 * list means "set to nothing", clearing the image's default), and for the values of
 * {@code environment} (a variable named without a value that the environment does not have).
 *
 * @param dependsOn explicit and implicit dependencies, by service name
 * @param networks the networks joined, by top-level key; empty with a {@code networkMode}
 * @param scale the number of containers: {@code scale}, else {@code deploy.replicas}, else 1
 * @param memLimit bytes ({@code mem_limit}, else {@code deploy.resources.limits.memory})
 * @param memReservation bytes ({@code mem_reservation}, else {@code deploy.resources.reservations.memory})
 * @param extraHosts {@code host:ip} entries, as Docker's {@code HostConfig.ExtraHosts}
 * @param sysctls kernel parameters, in file order
 */
public record ServiceConfig(
        String name,
        String image,
        BuildConfig build,
        List<String> entrypoint,
        List<String> command,
        Map<String, String> environment,
        String containerName,
        String hostname,
        String domainname,
        String workingDir,
        String user,
        Map<String, DependsOn> dependsOn,
        List<String> links,
        List<String> volumesFrom,
        String networkMode,
        Map<String, ServiceNetwork> networks,
        List<PortConfig> ports,
        List<ServiceVolume> volumes,
        Map<String, String> labels,
        Duration stopGracePeriod,
        String stopSignal,
        String restart,
        Boolean init,
        List<String> profiles,
        int scale,
        boolean tty,
        boolean stdinOpen,
        boolean privileged,
        boolean readOnly,
        List<String> capAdd,
        List<String> capDrop,
        Long memLimit,
        Long pidsLimit,
        Double cpus,
        Long shmSize,
        List<String> expose,
        List<String> extraHosts,
        List<String> dns,
        List<String> dnsSearch,
        List<String> dnsOptions,
        List<String> tmpfs,
        Map<String, String> sysctls,
        HealthCheck healthcheck,
        String pullPolicy,
        String platform,
        Map<String, Ulimit> ulimits,
        List<DeviceMapping> devices,
        LoggingConfig logging,
        List<FileReference> secrets,
        List<FileReference> configs,
        List<String> securityOpt,
        List<String> groupAdd,
        List<String> externalLinks,
        List<String> deviceCgroupRules,
        Map<String, String> annotations,
        Map<String, String> storageOpt,
        String ipc,
        String pid,
        String uts,
        String usernsMode,
        String cgroup,
        String cgroupParent,
        String runtime,
        String macAddress,
        String isolation,
        String cpuset,
        String pullRefreshAfter,
        Long cpuShares,
        Long cpuQuota,
        Long cpuPeriod,
        Long cpuRtPeriod,
        Long cpuRtRuntime,
        Long cpuCount,
        Long cpuPercent,
        Long memReservation,
        Long memswapLimit,
        Long memSwappiness,
        Long oomScoreAdj,
        Boolean oomKillDisable,
        Boolean attach,
        Boolean useApiSocket,
        Map<String, Object> otherAttributes) {

    public ServiceConfig {
        Objects.requireNonNull(name, "name");
        entrypoint = Copies.nullableList(entrypoint);
        command = Copies.nullableList(command);
        environment = Copies.map(environment);
        dependsOn = Copies.map(dependsOn);
        links = Copies.list(links);
        volumesFrom = Copies.list(volumesFrom);
        networks = Copies.map(networks);
        ports = Copies.list(ports);
        volumes = Copies.list(volumes);
        labels = Copies.map(labels);
        profiles = Copies.list(profiles);
        capAdd = Copies.list(capAdd);
        capDrop = Copies.list(capDrop);
        expose = Copies.list(expose);
        extraHosts = Copies.list(extraHosts);
        dns = Copies.list(dns);
        dnsSearch = Copies.list(dnsSearch);
        dnsOptions = Copies.list(dnsOptions);
        tmpfs = Copies.list(tmpfs);
        sysctls = Copies.map(sysctls);
        ulimits = Copies.map(ulimits);
        devices = Copies.list(devices);
        secrets = Copies.list(secrets);
        configs = Copies.list(configs);
        securityOpt = Copies.list(securityOpt);
        groupAdd = Copies.list(groupAdd);
        externalLinks = Copies.list(externalLinks);
        deviceCgroupRules = Copies.list(deviceCgroupRules);
        annotations = Copies.map(annotations);
        storageOpt = Copies.map(storageOpt);
        otherAttributes = Copies.deepMap(otherAttributes);
        if (scale < 0) {
            throw new IllegalArgumentException("scale must not be negative: " + scale);
        }
    }

    /**
     * The attributes (Compose keys) the engine acts on today, through the CLI's container
     * requests and image pulls. Everything else a file sets is kept in the model but not acted
     * on: {@link #ignoredAttributes()} lists it, and {@code up} warns about it. Whoever teaches
     * the engine a new attribute adds its key here (and the test that pins this set).
     */
    public static final Set<String> ENGINE_ACTS_ON = Set.of("image", "command", "entrypoint", "environment",
            "env_file", "container_name", "hostname", "domainname", "working_dir", "user", "depends_on", "links",
            "volumes_from", "network_mode", "networks", "ports", "expose", "volumes", "labels", "stop_grace_period",
            "stop_signal", "restart", "init", "profiles", "scale", "tty", "stdin_open", "privileged", "cap_add",
            "cap_drop", "mem_limit", "pids_limit", "cpus", "dns", "extra_hosts", "tmpfs", "pull_policy", "platform",
            "healthcheck", "build", "dns_search", "dns_opt", "ipc", "pid",
            "read_only", "shm_size", "sysctls", "ulimits", "group_add", "oom_score_adj",
            "cpuset", "mem_reservation", "memswap_limit", "devices", "logging", "security_opt", "cpu_shares");

    /**
     * The Compose keys this service sets, in the specification's order (defaults such as
     * {@code scale: 1} and the implicit {@code default} network count as set only when the
     * model holds something beyond them).
     */
    public List<String> setAttributes() {
        Map<String, Boolean> set = new LinkedHashMap<>();
        set.put("image", image != null);
        set.put("build", build != null);
        set.put("command", command != null);
        set.put("entrypoint", entrypoint != null);
        set.put("environment", !environment.isEmpty());
        set.put("container_name", containerName != null);
        set.put("hostname", hostname != null);
        set.put("domainname", domainname != null);
        set.put("working_dir", workingDir != null);
        set.put("user", user != null);
        set.put("depends_on", !dependsOn.isEmpty());
        set.put("links", !links.isEmpty());
        set.put("volumes_from", !volumesFrom.isEmpty());
        set.put("network_mode", networkMode != null);
        set.put("networks", !networks.isEmpty());
        set.put("ports", !ports.isEmpty());
        set.put("volumes", !volumes.isEmpty());
        set.put("labels", !labels.isEmpty());
        set.put("stop_grace_period", stopGracePeriod != null);
        set.put("stop_signal", stopSignal != null);
        set.put("restart", restart != null);
        set.put("init", init != null);
        set.put("profiles", !profiles.isEmpty());
        set.put("scale", scale != 1);
        set.put("tty", tty);
        set.put("stdin_open", stdinOpen);
        set.put("privileged", privileged);
        set.put("read_only", readOnly);
        set.put("cap_add", !capAdd.isEmpty());
        set.put("cap_drop", !capDrop.isEmpty());
        set.put("mem_limit", memLimit != null);
        set.put("pids_limit", pidsLimit != null);
        set.put("cpus", cpus != null);
        set.put("shm_size", shmSize != null);
        set.put("expose", !expose.isEmpty());
        set.put("extra_hosts", !extraHosts.isEmpty());
        set.put("dns", !dns.isEmpty());
        set.put("dns_search", !dnsSearch.isEmpty());
        set.put("dns_opt", !dnsOptions.isEmpty());
        set.put("tmpfs", !tmpfs.isEmpty());
        set.put("sysctls", !sysctls.isEmpty());
        set.put("healthcheck", healthcheck != null);
        set.put("pull_policy", pullPolicy != null);
        set.put("platform", platform != null);
        set.put("ulimits", !ulimits.isEmpty());
        set.put("devices", !devices.isEmpty());
        set.put("logging", logging != null);
        set.put("secrets", !secrets.isEmpty());
        set.put("configs", !configs.isEmpty());
        set.put("security_opt", !securityOpt.isEmpty());
        set.put("group_add", !groupAdd.isEmpty());
        set.put("external_links", !externalLinks.isEmpty());
        set.put("device_cgroup_rules", !deviceCgroupRules.isEmpty());
        set.put("annotations", !annotations.isEmpty());
        set.put("storage_opt", !storageOpt.isEmpty());
        set.put("ipc", ipc != null);
        set.put("pid", pid != null);
        set.put("uts", uts != null);
        set.put("userns_mode", usernsMode != null);
        set.put("cgroup", cgroup != null);
        set.put("cgroup_parent", cgroupParent != null);
        set.put("runtime", runtime != null);
        set.put("mac_address", macAddress != null);
        set.put("isolation", isolation != null);
        set.put("cpuset", cpuset != null);
        set.put("pull_refresh_after", pullRefreshAfter != null);
        set.put("cpu_shares", cpuShares != null);
        set.put("cpu_quota", cpuQuota != null);
        set.put("cpu_period", cpuPeriod != null);
        set.put("cpu_rt_period", cpuRtPeriod != null);
        set.put("cpu_rt_runtime", cpuRtRuntime != null);
        set.put("cpu_count", cpuCount != null);
        set.put("cpu_percent", cpuPercent != null);
        set.put("mem_reservation", memReservation != null);
        set.put("memswap_limit", memswapLimit != null);
        set.put("mem_swappiness", memSwappiness != null);
        set.put("oom_score_adj", oomScoreAdj != null);
        set.put("oom_kill_disable", oomKillDisable != null);
        set.put("attach", attach != null);
        set.put("use_api_socket", useApiSocket != null);
        otherAttributes.keySet().forEach(k -> set.put(k, true));
        List<String> out = new ArrayList<>();
        set.forEach((k, v) -> {
            if (v) {
                out.add(k);
            }
        });
        return out;
    }

    /**
     * The attributes this service sets that the engine does not act on yet (see
     * {@link #ENGINE_ACTS_ON}), such as {@code ulimits} or {@code logging}: {@code up} warns
     * about each, so none is silently dropped. {@code deploy} counts only when it says more
     * than {@code replicas}, {@code resources.limits} and {@code resources.reservations.memory}, which
     * fill {@code scale}, the limits and {@code mem_reservation}.
     */
    public List<String> ignoredAttributes() {
        List<String> out = new ArrayList<>();
        for (String key : setAttributes()) {
            if (!ENGINE_ACTS_ON.contains(key) && !(key.equals("deploy") && deployIsOnlyScaleAndLimits())) {
                out.add(key);
            }
        }
        return out;
    }

    private boolean deployIsOnlyScaleAndLimits() {
        if (!(otherAttributes.get("deploy") instanceof Map<?, ?> deploy)) {
            return true;
        }
        for (Map.Entry<?, ?> e : deploy.entrySet()) {
            boolean limitsOnly = e.getKey().equals("resources") && e.getValue() instanceof Map<?, ?> r
                    && r.entrySet().stream().allMatch(x -> x.getKey().equals("limits") || x.getKey().equals("reservations")
                            && x.getValue() instanceof Map<?, ?> res && res.keySet().stream().allMatch(k -> k.equals("memory")));
            if (!e.getKey().equals("replicas") && !limitsOnly) {
                return false;
            }
        }
        return true;
    }

    public static ServiceConfigBuilder builder(String name) {
        return new ServiceConfigBuilder(name);
    }

    public ServiceConfigBuilder toBuilder() {
        return new ServiceConfigBuilder(this);
    }

    /** A copy with another number of containers ({@code --scale web=3}). */
    public ServiceConfig withScale(int scale) {
        return toBuilder().scale(scale).build();
    }

    /** True when the service is enabled by these profiles: it has none, or shares one. */
    public boolean isEnabledBy(Collection<String> activeProfiles) {
        return profiles.isEmpty() || profiles.stream().anyMatch(activeProfiles::contains)
                || activeProfiles.contains("*");
    }
}
