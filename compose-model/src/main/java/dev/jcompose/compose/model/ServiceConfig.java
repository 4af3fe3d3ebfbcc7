package dev.jcompose.compose.model;

import java.time.Duration;
import java.util.Collection;
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
