package dev.jcompose.api.model;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.util.List;
import java.util.Map;

/** Docker's {@code HostConfig}: how the container meets the host (mounts, ports, network, limits). */
@JsonNaming(PropertyNamingStrategies.UpperCamelCaseStrategy.class)
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record HostConfig(
    List<String> binds,
    List<Mount> mounts,
    Map<String, List<PortBinding>> portBindings,
    String networkMode,
    RestartPolicy restartPolicy,
    Long memory,
    Long pidsLimit,
    Long nanoCpus,
    Long cpuShares,
    List<String> capAdd,
    List<String> capDrop,
    Boolean privileged,
    Boolean init,
    List<String> extraHosts,
    List<String> dns,
    Map<String, String> tmpfs,
    List<String> volumesFrom,
    List<String> links,
    Boolean autoRemove,
    List<String> dnsSearch,
    List<String> dnsOptions,
    String ipcMode,
    String pidMode,
    Boolean readonlyRootfs,
    Long shmSize,
    Map<String, String> sysctls,
    List<Ulimit> ulimits,
    List<String> groupAdd,
    Integer oomScoreAdj,
    String cpusetCpus,
    String cpusetMems,
    Long memoryReservation,
    Long memorySwap,
    List<DeviceMapping> devices,
    LogConfig logConfig,
    List<String> securityOpt) {

  /** Without Devices, LogConfig and SecurityOpt. */
  public HostConfig(List<String> binds, List<Mount> mounts, Map<String, List<PortBinding>> portBindings, String networkMode,
      RestartPolicy restartPolicy, Long memory, Long pidsLimit, Long nanoCpus, Long cpuShares, List<String> capAdd,
      List<String> capDrop, Boolean privileged, Boolean init, List<String> extraHosts, List<String> dns, Map<String, String> tmpfs,
      List<String> volumesFrom, List<String> links, Boolean autoRemove, List<String> dnsSearch, List<String> dnsOptions,
      String ipcMode, String pidMode, Boolean readonlyRootfs, Long shmSize, Map<String, String> sysctls, List<Ulimit> ulimits,
      List<String> groupAdd, Integer oomScoreAdj, String cpusetCpus, String cpusetMems, Long memoryReservation, Long memorySwap) {
    this(binds, mounts, portBindings, networkMode, restartPolicy, memory, pidsLimit, nanoCpus, cpuShares, capAdd, capDrop, privileged,
        init, extraHosts, dns, tmpfs, volumesFrom, links, autoRemove, dnsSearch, dnsOptions, ipcMode, pidMode, readonlyRootfs, shmSize,
        sysctls, ulimits, groupAdd, oomScoreAdj, cpusetCpus, cpusetMems, memoryReservation, memorySwap, null, null, null);
  }

  /** Without ReadonlyRootfs, ShmSize, Sysctls, Ulimits, GroupAdd, OomScoreAdj, CpusetCpus, CpusetMems, MemoryReservation, MemorySwap. */
  public HostConfig(List<String> binds, List<Mount> mounts, Map<String, List<PortBinding>> portBindings, String networkMode,
      RestartPolicy restartPolicy, Long memory, Long pidsLimit, Long nanoCpus, Long cpuShares, List<String> capAdd,
      List<String> capDrop, Boolean privileged, Boolean init, List<String> extraHosts, List<String> dns, Map<String, String> tmpfs,
      List<String> volumesFrom, List<String> links, Boolean autoRemove, List<String> dnsSearch, List<String> dnsOptions,
      String ipcMode, String pidMode) {
    this(binds, mounts, portBindings, networkMode, restartPolicy, memory, pidsLimit, nanoCpus, cpuShares, capAdd, capDrop, privileged,
        init, extraHosts, dns, tmpfs, volumesFrom, links, autoRemove, dnsSearch, dnsOptions, ipcMode, pidMode,
        null, null, null, null, null, null, null, null, null, null);
  }

  /** Without DnsSearch, DnsOptions, IpcMode and PidMode. */
  public HostConfig(List<String> binds, List<Mount> mounts, Map<String, List<PortBinding>> portBindings, String networkMode,
      RestartPolicy restartPolicy, Long memory, Long pidsLimit, Long nanoCpus, Long cpuShares, List<String> capAdd,
      List<String> capDrop, Boolean privileged, Boolean init, List<String> extraHosts, List<String> dns, Map<String, String> tmpfs,
      List<String> volumesFrom, List<String> links, Boolean autoRemove) {
    this(binds, mounts, portBindings, networkMode, restartPolicy, memory, pidsLimit, nanoCpus, cpuShares, capAdd, capDrop, privileged,
        init, extraHosts, dns, tmpfs, volumesFrom, links, autoRemove, null, null, null, null, null, null, null, null, null, null, null,
        null, null, null);
  }

  public static HostConfig empty() {
    return new HostConfig(null, null, null, null, null, null, null, null, null, null, null, null, null, null, null, null, null, null, null);
  }

  /** DnsSearch and DnsOptions (Compose's dns_search and dns_opt) for the container's resolv.conf. */
  public HostConfig withDnsSettings(List<String> search, List<String> options) {
    return new HostConfig(binds, mounts, portBindings, networkMode, restartPolicy, memory, pidsLimit, nanoCpus, cpuShares, capAdd, capDrop,
        privileged, init, extraHosts, dns, tmpfs, volumesFrom, links, autoRemove, search, options, ipcMode, pidMode, readonlyRootfs, shmSize, sysctls, ulimits, groupAdd, oomScoreAdj, cpusetCpus, cpusetMems, memoryReservation, memorySwap, devices, logConfig, securityOpt);
  }

  /** IpcMode and PidMode: "", "private", "shareable", "host" or "container:NAME|ID" (PidMode: "", "host", "container:..."). */
  public HostConfig withNamespaceModes(String ipc, String pid) {
    return new HostConfig(binds, mounts, portBindings, networkMode, restartPolicy, memory, pidsLimit, nanoCpus, cpuShares, capAdd, capDrop,
        privileged, init, extraHosts, dns, tmpfs, volumesFrom, links, autoRemove, dnsSearch, dnsOptions, ipc, pid, readonlyRootfs, shmSize, sysctls, ulimits, groupAdd, oomScoreAdj, cpusetCpus, cpusetMems, memoryReservation, memorySwap, devices, logConfig, securityOpt);
  }

  /** What the container's processes get: ReadonlyRootfs, ShmSize (bytes), Sysctls, Ulimits, GroupAdd, OomScoreAdj. */
  public HostConfig withProcessSettings(Boolean readOnly, Long shm, Map<String, String> kernelParams, List<Ulimit> limits,
      List<String> groups, Integer oomAdj) {
    return new HostConfig(binds, mounts, portBindings, networkMode, restartPolicy, memory, pidsLimit, nanoCpus, cpuShares, capAdd, capDrop,
        privileged, init, extraHosts, dns, tmpfs, volumesFrom, links, autoRemove, dnsSearch, dnsOptions, ipcMode, pidMode, readOnly, shm,
        kernelParams, limits, groups, oomAdj, cpusetCpus, cpusetMems, memoryReservation, memorySwap, devices, logConfig, securityOpt);
  }

  /** CpusetCpus, CpusetMems, MemoryReservation and MemorySwap (bytes; -1 unlimited swap). */
  public HostConfig withMoreResources(String cpus, String mems, Long reservation, Long swap) {
    return new HostConfig(binds, mounts, portBindings, networkMode, restartPolicy, memory, pidsLimit, nanoCpus, cpuShares, capAdd, capDrop,
        privileged, init, extraHosts, dns, tmpfs, volumesFrom, links, autoRemove, dnsSearch, dnsOptions, ipcMode, pidMode, readonlyRootfs,
        shmSize, sysctls, ulimits, groupAdd, oomScoreAdj, cpus, mems, reservation, swap, devices, logConfig, securityOpt);
  }

  /** Devices, LogConfig and SecurityOpt (seccomp=unconfined or seccomp=PROFILE-JSON, as the docker CLI sends them). */
  public HostConfig withDevicesLoggingAndSecurity(List<DeviceMapping> list, LogConfig log, List<String> options) {
    return new HostConfig(binds, mounts, portBindings, networkMode, restartPolicy, memory, pidsLimit, nanoCpus, cpuShares, capAdd, capDrop,
        privileged, init, extraHosts, dns, tmpfs, volumesFrom, links, autoRemove, dnsSearch, dnsOptions, ipcMode, pidMode, readonlyRootfs,
        shmSize, sysctls, ulimits, groupAdd, oomScoreAdj, cpusetCpus, cpusetMems, memoryReservation, memorySwap, list, log, options);
  }

  public HostConfig withAutoRemove(Boolean remove) {
    return new HostConfig(binds, mounts, portBindings, networkMode, restartPolicy, memory, pidsLimit, nanoCpus, cpuShares, capAdd, capDrop,
        privileged, init, extraHosts, dns, tmpfs, volumesFrom, links, remove, dnsSearch, dnsOptions, ipcMode, pidMode, readonlyRootfs, shmSize, sysctls, ulimits, groupAdd, oomScoreAdj, cpusetCpus, cpusetMems, memoryReservation, memorySwap, devices, logConfig, securityOpt);
  }

  public HostConfig withMounts(List<Mount> list) {
    return new HostConfig(binds, list, portBindings, networkMode, restartPolicy, memory, pidsLimit, nanoCpus, cpuShares, capAdd, capDrop,
        privileged, init, extraHosts, dns, tmpfs, volumesFrom, links, autoRemove, dnsSearch, dnsOptions, ipcMode, pidMode, readonlyRootfs, shmSize, sysctls, ulimits, groupAdd, oomScoreAdj, cpusetCpus, cpusetMems, memoryReservation, memorySwap, devices, logConfig, securityOpt);
  }

  public HostConfig withNetworkMode(String mode) {
    return new HostConfig(binds, mounts, portBindings, mode, restartPolicy, memory, pidsLimit, nanoCpus, cpuShares, capAdd, capDrop,
        privileged, init, extraHosts, dns, tmpfs, volumesFrom, links, autoRemove, dnsSearch, dnsOptions, ipcMode, pidMode, readonlyRootfs, shmSize, sysctls, ulimits, groupAdd, oomScoreAdj, cpusetCpus, cpusetMems, memoryReservation, memorySwap, devices, logConfig, securityOpt);
  }
}
