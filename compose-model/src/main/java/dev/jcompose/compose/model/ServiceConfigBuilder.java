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

    public ServiceConfig build() {
        return new ServiceConfig(name, image, build, entrypoint, command, environment, containerName,
                hostname, domainname, workingDir, user, dependsOn, links, volumesFrom, networkMode, networks,
                ports, volumes, labels, stopGracePeriod, stopSignal, restart, init, profiles, scale, tty,
                stdinOpen, privileged, readOnly, capAdd, capDrop, memLimit, pidsLimit, cpus, shmSize, expose,
                extraHosts, dns, dnsSearch, dnsOptions, tmpfs, sysctls, healthcheck, pullPolicy, platform);
    }
}
