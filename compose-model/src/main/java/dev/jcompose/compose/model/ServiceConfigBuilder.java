package dev.jcompose.compose.model;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/** Builds a {@link ServiceConfig}: the binder uses it, and so can tests and the CLI. */
public final class ServiceConfigBuilder {

    private String name;
    private String image;
    private BuildConfig build;
    private List<String> entrypoint;
    private List<String> command;
    private Map<String, String> environment;
    private String containerName;
    private String hostname;
    private String domainname;
    private String workingDir;
    private String user;
    private Map<String, DependsOn> dependsOn;
    private List<String> links;
    private List<String> volumesFrom;
    private String networkMode;
    private Map<String, ServiceNetwork> networks;
    private List<PortConfig> ports;
    private List<ServiceVolume> volumes;
    private Map<String, String> labels;
    private Duration stopGracePeriod;
    private String stopSignal;
    private String restart;
    private Boolean init;
    private List<String> profiles;
    private int scale = 1;
    private boolean tty;
    private boolean stdinOpen;
    private boolean privileged;
    private boolean readOnly;
    private List<String> capAdd;
    private List<String> capDrop;
    private Long memLimit;
    private Long pidsLimit;
    private Double cpus;
    private Long shmSize;
    private List<String> expose;
    private List<String> extraHosts;
    private List<String> dns;
    private List<String> dnsSearch;
    private List<String> dnsOptions;
    private List<String> tmpfs;
    private Map<String, String> sysctls;
    private HealthCheck healthcheck;
    private String pullPolicy;
    private String platform;
    private Map<String, Ulimit> ulimits;
    private List<DeviceMapping> devices;
    private LoggingConfig logging;
    private List<FileReference> secrets;
    private List<FileReference> configs;
    private List<String> securityOpt;
    private List<String> groupAdd;
    private List<String> externalLinks;
    private List<String> deviceCgroupRules;
    private Map<String, String> annotations;
    private Map<String, String> storageOpt;
    private String ipc;
    private String pid;
    private String uts;
    private String usernsMode;
    private String cgroup;
    private String cgroupParent;
    private String runtime;
    private String macAddress;
    private String isolation;
    private String cpuset;
    private String pullRefreshAfter;
    private Long cpuShares;
    private Long cpuQuota;
    private Long cpuPeriod;
    private Long cpuRtPeriod;
    private Long cpuRtRuntime;
    private Long cpuCount;
    private Long cpuPercent;
    private Long memReservation;
    private Long memswapLimit;
    private Long memSwappiness;
    private Long oomScoreAdj;
    private Boolean oomKillDisable;
    private Boolean attach;
    private Boolean useApiSocket;
    private Map<String, Object> otherAttributes;

    ServiceConfigBuilder(String name) {
        this.name = name;
    }

    ServiceConfigBuilder(ServiceConfig from) {
        this.name = from.name();
        this.image = from.image();
        this.build = from.build();
        this.entrypoint = from.entrypoint();
        this.command = from.command();
        this.environment = from.environment();
        this.containerName = from.containerName();
        this.hostname = from.hostname();
        this.domainname = from.domainname();
        this.workingDir = from.workingDir();
        this.user = from.user();
        this.dependsOn = from.dependsOn();
        this.links = from.links();
        this.volumesFrom = from.volumesFrom();
        this.networkMode = from.networkMode();
        this.networks = from.networks();
        this.ports = from.ports();
        this.volumes = from.volumes();
        this.labels = from.labels();
        this.stopGracePeriod = from.stopGracePeriod();
        this.stopSignal = from.stopSignal();
        this.restart = from.restart();
        this.init = from.init();
        this.profiles = from.profiles();
        this.scale = from.scale();
        this.tty = from.tty();
        this.stdinOpen = from.stdinOpen();
        this.privileged = from.privileged();
        this.readOnly = from.readOnly();
        this.capAdd = from.capAdd();
        this.capDrop = from.capDrop();
        this.memLimit = from.memLimit();
        this.pidsLimit = from.pidsLimit();
        this.cpus = from.cpus();
        this.shmSize = from.shmSize();
        this.expose = from.expose();
        this.extraHosts = from.extraHosts();
        this.dns = from.dns();
        this.dnsSearch = from.dnsSearch();
        this.dnsOptions = from.dnsOptions();
        this.tmpfs = from.tmpfs();
        this.sysctls = from.sysctls();
        this.healthcheck = from.healthcheck();
        this.pullPolicy = from.pullPolicy();
        this.platform = from.platform();
        this.ulimits = from.ulimits();
        this.devices = from.devices();
        this.logging = from.logging();
        this.secrets = from.secrets();
        this.configs = from.configs();
        this.securityOpt = from.securityOpt();
        this.groupAdd = from.groupAdd();
        this.externalLinks = from.externalLinks();
        this.deviceCgroupRules = from.deviceCgroupRules();
        this.annotations = from.annotations();
        this.storageOpt = from.storageOpt();
        this.ipc = from.ipc();
        this.pid = from.pid();
        this.uts = from.uts();
        this.usernsMode = from.usernsMode();
        this.cgroup = from.cgroup();
        this.cgroupParent = from.cgroupParent();
        this.runtime = from.runtime();
        this.macAddress = from.macAddress();
        this.isolation = from.isolation();
        this.cpuset = from.cpuset();
        this.pullRefreshAfter = from.pullRefreshAfter();
        this.cpuShares = from.cpuShares();
        this.cpuQuota = from.cpuQuota();
        this.cpuPeriod = from.cpuPeriod();
        this.cpuRtPeriod = from.cpuRtPeriod();
        this.cpuRtRuntime = from.cpuRtRuntime();
        this.cpuCount = from.cpuCount();
        this.cpuPercent = from.cpuPercent();
        this.memReservation = from.memReservation();
        this.memswapLimit = from.memswapLimit();
        this.memSwappiness = from.memSwappiness();
        this.oomScoreAdj = from.oomScoreAdj();
        this.oomKillDisable = from.oomKillDisable();
        this.attach = from.attach();
        this.useApiSocket = from.useApiSocket();
        this.otherAttributes = from.otherAttributes();
    }

    public ServiceConfigBuilder image(String image) {
        this.image = image;
        return this;
    }

    public ServiceConfigBuilder build(BuildConfig build) {
        this.build = build;
        return this;
    }

    public ServiceConfigBuilder entrypoint(List<String> entrypoint) {
        this.entrypoint = entrypoint;
        return this;
    }

    public ServiceConfigBuilder command(List<String> command) {
        this.command = command;
        return this;
    }

    public ServiceConfigBuilder environment(Map<String, String> environment) {
        this.environment = environment;
        return this;
    }

    public ServiceConfigBuilder containerName(String containerName) {
        this.containerName = containerName;
        return this;
    }

    public ServiceConfigBuilder hostname(String hostname) {
        this.hostname = hostname;
        return this;
    }

    public ServiceConfigBuilder domainname(String domainname) {
        this.domainname = domainname;
        return this;
    }

    public ServiceConfigBuilder workingDir(String workingDir) {
        this.workingDir = workingDir;
        return this;
    }

    public ServiceConfigBuilder user(String user) {
        this.user = user;
        return this;
    }

    public ServiceConfigBuilder dependsOn(Map<String, DependsOn> dependsOn) {
        this.dependsOn = dependsOn;
        return this;
    }

    public ServiceConfigBuilder links(List<String> links) {
        this.links = links;
        return this;
    }

    public ServiceConfigBuilder volumesFrom(List<String> volumesFrom) {
        this.volumesFrom = volumesFrom;
        return this;
    }

    public ServiceConfigBuilder networkMode(String networkMode) {
        this.networkMode = networkMode;
        return this;
    }

    public ServiceConfigBuilder networks(Map<String, ServiceNetwork> networks) {
        this.networks = networks;
        return this;
    }

    public ServiceConfigBuilder ports(List<PortConfig> ports) {
        this.ports = ports;
        return this;
    }

    public ServiceConfigBuilder volumes(List<ServiceVolume> volumes) {
        this.volumes = volumes;
        return this;
    }

    public ServiceConfigBuilder labels(Map<String, String> labels) {
        this.labels = labels;
        return this;
    }

    public ServiceConfigBuilder stopGracePeriod(Duration stopGracePeriod) {
        this.stopGracePeriod = stopGracePeriod;
        return this;
    }

    public ServiceConfigBuilder stopSignal(String stopSignal) {
        this.stopSignal = stopSignal;
        return this;
    }

    public ServiceConfigBuilder restart(String restart) {
        this.restart = restart;
        return this;
    }

    public ServiceConfigBuilder init(Boolean init) {
        this.init = init;
        return this;
    }

    public ServiceConfigBuilder profiles(List<String> profiles) {
        this.profiles = profiles;
        return this;
    }

    public ServiceConfigBuilder scale(int scale) {
        this.scale = scale;
        return this;
    }

    public ServiceConfigBuilder tty(boolean tty) {
        this.tty = tty;
        return this;
    }

    public ServiceConfigBuilder stdinOpen(boolean stdinOpen) {
        this.stdinOpen = stdinOpen;
        return this;
    }

    public ServiceConfigBuilder privileged(boolean privileged) {
        this.privileged = privileged;
        return this;
    }

    public ServiceConfigBuilder readOnly(boolean readOnly) {
        this.readOnly = readOnly;
        return this;
    }

    public ServiceConfigBuilder capAdd(List<String> capAdd) {
        this.capAdd = capAdd;
        return this;
    }

    public ServiceConfigBuilder capDrop(List<String> capDrop) {
        this.capDrop = capDrop;
        return this;
    }

    public ServiceConfigBuilder memLimit(Long memLimit) {
        this.memLimit = memLimit;
        return this;
    }

    public ServiceConfigBuilder pidsLimit(Long pidsLimit) {
        this.pidsLimit = pidsLimit;
        return this;
    }

    public ServiceConfigBuilder cpus(Double cpus) {
        this.cpus = cpus;
        return this;
    }

    public ServiceConfigBuilder shmSize(Long shmSize) {
        this.shmSize = shmSize;
        return this;
    }

    public ServiceConfigBuilder expose(List<String> expose) {
        this.expose = expose;
        return this;
    }

    public ServiceConfigBuilder extraHosts(List<String> extraHosts) {
        this.extraHosts = extraHosts;
        return this;
    }

    public ServiceConfigBuilder dns(List<String> dns) {
        this.dns = dns;
        return this;
    }

    public ServiceConfigBuilder dnsSearch(List<String> dnsSearch) {
        this.dnsSearch = dnsSearch;
        return this;
    }

    public ServiceConfigBuilder dnsOptions(List<String> dnsOptions) {
        this.dnsOptions = dnsOptions;
        return this;
    }

    public ServiceConfigBuilder tmpfs(List<String> tmpfs) {
        this.tmpfs = tmpfs;
        return this;
    }

    public ServiceConfigBuilder sysctls(Map<String, String> sysctls) {
        this.sysctls = sysctls;
        return this;
    }

    public ServiceConfigBuilder healthcheck(HealthCheck healthcheck) {
        this.healthcheck = healthcheck;
        return this;
    }

    public ServiceConfigBuilder pullPolicy(String pullPolicy) {
        this.pullPolicy = pullPolicy;
        return this;
    }

    public ServiceConfigBuilder platform(String platform) {
        this.platform = platform;
        return this;
    }

    public ServiceConfigBuilder ulimits(Map<String, Ulimit> ulimits) {
        this.ulimits = ulimits;
        return this;
    }

    public ServiceConfigBuilder devices(List<DeviceMapping> devices) {
        this.devices = devices;
        return this;
    }

    public ServiceConfigBuilder logging(LoggingConfig logging) {
        this.logging = logging;
        return this;
    }

    public ServiceConfigBuilder secrets(List<FileReference> secrets) {
        this.secrets = secrets;
        return this;
    }

    public ServiceConfigBuilder configs(List<FileReference> configs) {
        this.configs = configs;
        return this;
    }

    public ServiceConfigBuilder securityOpt(List<String> securityOpt) {
        this.securityOpt = securityOpt;
        return this;
    }

    public ServiceConfigBuilder groupAdd(List<String> groupAdd) {
        this.groupAdd = groupAdd;
        return this;
    }

    public ServiceConfigBuilder externalLinks(List<String> externalLinks) {
        this.externalLinks = externalLinks;
        return this;
    }

    public ServiceConfigBuilder deviceCgroupRules(List<String> deviceCgroupRules) {
        this.deviceCgroupRules = deviceCgroupRules;
        return this;
    }

    public ServiceConfigBuilder annotations(Map<String, String> annotations) {
        this.annotations = annotations;
        return this;
    }

    public ServiceConfigBuilder storageOpt(Map<String, String> storageOpt) {
        this.storageOpt = storageOpt;
        return this;
    }

    public ServiceConfigBuilder ipc(String ipc) {
        this.ipc = ipc;
        return this;
    }

    public ServiceConfigBuilder pid(String pid) {
        this.pid = pid;
        return this;
    }

    public ServiceConfigBuilder uts(String uts) {
        this.uts = uts;
        return this;
    }

    public ServiceConfigBuilder usernsMode(String usernsMode) {
        this.usernsMode = usernsMode;
        return this;
    }

    public ServiceConfigBuilder cgroup(String cgroup) {
        this.cgroup = cgroup;
        return this;
    }

    public ServiceConfigBuilder cgroupParent(String cgroupParent) {
        this.cgroupParent = cgroupParent;
        return this;
    }

    public ServiceConfigBuilder runtime(String runtime) {
        this.runtime = runtime;
        return this;
    }

    public ServiceConfigBuilder macAddress(String macAddress) {
        this.macAddress = macAddress;
        return this;
    }

    public ServiceConfigBuilder isolation(String isolation) {
        this.isolation = isolation;
        return this;
    }

    public ServiceConfigBuilder cpuset(String cpuset) {
        this.cpuset = cpuset;
        return this;
    }

    public ServiceConfigBuilder pullRefreshAfter(String pullRefreshAfter) {
        this.pullRefreshAfter = pullRefreshAfter;
        return this;
    }

    public ServiceConfigBuilder cpuShares(Long cpuShares) {
        this.cpuShares = cpuShares;
        return this;
    }

    public ServiceConfigBuilder cpuQuota(Long cpuQuota) {
        this.cpuQuota = cpuQuota;
        return this;
    }

    public ServiceConfigBuilder cpuPeriod(Long cpuPeriod) {
        this.cpuPeriod = cpuPeriod;
        return this;
    }

    public ServiceConfigBuilder cpuRtPeriod(Long cpuRtPeriod) {
        this.cpuRtPeriod = cpuRtPeriod;
        return this;
    }

    public ServiceConfigBuilder cpuRtRuntime(Long cpuRtRuntime) {
        this.cpuRtRuntime = cpuRtRuntime;
        return this;
    }

    public ServiceConfigBuilder cpuCount(Long cpuCount) {
        this.cpuCount = cpuCount;
        return this;
    }

    public ServiceConfigBuilder cpuPercent(Long cpuPercent) {
        this.cpuPercent = cpuPercent;
        return this;
    }

    public ServiceConfigBuilder memReservation(Long memReservation) {
        this.memReservation = memReservation;
        return this;
    }

    public ServiceConfigBuilder memswapLimit(Long memswapLimit) {
        this.memswapLimit = memswapLimit;
        return this;
    }

    public ServiceConfigBuilder memSwappiness(Long memSwappiness) {
        this.memSwappiness = memSwappiness;
        return this;
    }

    public ServiceConfigBuilder oomScoreAdj(Long oomScoreAdj) {
        this.oomScoreAdj = oomScoreAdj;
        return this;
    }

    public ServiceConfigBuilder oomKillDisable(Boolean oomKillDisable) {
        this.oomKillDisable = oomKillDisable;
        return this;
    }

    public ServiceConfigBuilder attach(Boolean attach) {
        this.attach = attach;
        return this;
    }

    public ServiceConfigBuilder useApiSocket(Boolean useApiSocket) {
        this.useApiSocket = useApiSocket;
        return this;
    }

    public ServiceConfigBuilder otherAttributes(Map<String, Object> otherAttributes) {
        this.otherAttributes = otherAttributes;
        return this;
    }

    public ServiceConfig build() {
        return new ServiceConfig(name, image, build, entrypoint, command, environment, containerName,
                hostname, domainname, workingDir, user, dependsOn, links, volumesFrom, networkMode, networks,
                ports, volumes, labels, stopGracePeriod, stopSignal, restart, init, profiles, scale, tty,
                stdinOpen, privileged, readOnly, capAdd, capDrop, memLimit, pidsLimit, cpus, shmSize, expose,
                extraHosts, dns, dnsSearch, dnsOptions, tmpfs, sysctls, healthcheck, pullPolicy, platform,
                ulimits, devices, logging, secrets, configs, securityOpt, groupAdd, externalLinks, deviceCgroupRules, annotations, storageOpt, ipc, pid, uts, usernsMode, cgroup, cgroupParent, runtime, macAddress, isolation, cpuset, pullRefreshAfter, cpuShares, cpuQuota, cpuPeriod, cpuRtPeriod, cpuRtRuntime, cpuCount, cpuPercent, memReservation, memswapLimit, memSwappiness, oomScoreAdj, oomKillDisable, attach, useApiSocket, otherAttributes);
    }
}
