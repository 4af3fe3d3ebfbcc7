package dev.jcompose.runtime.cgroup;

import dev.jcompose.linux.proc.CgroupMembership;
import dev.jcompose.linux.proc.MountInfo;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * cgroup v1: one directory per hierarchy (memory, pids, cpu + cpuacct, cpuset, freezer, blkio,
 * devices), each below the engine's own cgroup in that hierarchy. A new cpuset cgroup starts with
 * empty {@code cpuset.cpus} and {@code cpuset.mems} (no task may join it then), so the
 * {@code jcompose} parent and each container inherit them from above unless a cpuset is asked for.
 */
public final class CgroupV1Manager extends AbstractCgroupManager {
  /** The controllers a container gets a directory in; others (named hierarchies, net_cls, ...) are left alone. */
  public static final List<String> CONTROLLERS = List.of("memory", "pids", "cpu", "cpuacct", "cpuset", "freezer", "blkio", "devices");
  static final String SWAP_LIMIT_FILE = "memory.memsw.limit_in_bytes";

  /**
   * Docker's default device rules: deny all, allow mknod of any node (CAP_MKNOD is a default
   * capability), and read/write only the harmless nodes the helper puts into /dev.
   */
  static final List<String> DEVICE_RULES = List.of(
      "c *:* m", "b *:* m",
      "c 1:3 rwm", "c 1:5 rwm", "c 1:7 rwm", "c 1:8 rwm", "c 1:9 rwm",
      "c 5:0 rwm", "c 5:1 rwm", "c 5:2 rwm", "c 136:* rwm", "c 10:200 rwm");

  public CgroupV1Manager(List<CgroupHierarchy> hierarchies) {
    super(hierarchies);
  }

  /** The hierarchies the calling process belongs to, from its mountinfo and {@code /proc/self/cgroup}. */
  public static CgroupV1Manager forProcess(List<MountInfo> mounts, List<CgroupMembership> memberships) {
    List<CgroupHierarchy> found = new ArrayList<>();
    for (CgroupMembership m : memberships) {
      if (m.isUnified() || m.controllers().stream().noneMatch(CONTROLLERS::contains)) {
        continue;
      }
      mountOf(mounts, m).ifPresent(mount ->
          found.add(new CgroupHierarchy(String.join(",", m.controllers()), CgroupHierarchy.dirOf(mount, m.path()))));
    }
    return new CgroupV1Manager(found);
  }

  private static Optional<MountInfo> mountOf(List<MountInfo> mounts, CgroupMembership m) {
    return mounts.stream()
        .filter(x -> x.fsType().equals("cgroup") && x.superOptionSet().containsAll(m.controllers()))
        .min(Comparator.comparing((MountInfo x) -> !x.isAtOrBelow("/sys/fs/cgroup")));
  }

  @Override
  public String describe() {
    return "cgroup v1 (" + String.join(", ", hierarchies().stream().map(h -> h.controllers() + " at " + h.ownDir()).toList()) + ")";
  }

  @Override
  void prepareParent(Path parent) {
    CgroupFiles.createDir(parent);
    inheritCpuset(parent);
  }

  /** Fills an empty cpuset.cpus/cpuset.mems of {@code dir} from its parent's (what clone_children would do). */
  private static void inheritCpuset(Path dir) {
    for (String file : List.of("cpuset.cpus", "cpuset.mems")) {
      Path own = dir.resolve(file);
      if (java.nio.file.Files.exists(own) && CgroupFiles.readOrEmpty(own).isBlank()) {
        CgroupFiles.write(own, CgroupFiles.readOrEmpty(dir.getParent().resolve(file)).strip());
      }
    }
  }

  /**
   * Whether the memory hierarchy limits swap ({@code memory.memsw.*}: the kernel's swap accounting,
   * {@code swapaccount=1}); without it a {@code MemorySwap} is not applied.
   */
  @Override
  public boolean supportsSwapLimit() {
    return hierarchies().stream().filter(h -> List.of(h.controllers().split(",")).contains("memory"))
        .anyMatch(h -> java.nio.file.Files.exists(h.ownDir().resolve(SWAP_LIMIT_FILE)));
  }

  @Override
  void writeLimits(ContainerCgroup cgroup, CgroupLimits limits) {
    if (limits.memoryBytes() > 0) {
      CgroupFiles.write(require(cgroup, "memory", "memory limit").resolve("memory.limit_in_bytes"), Long.toString(limits.memoryBytes()));
    }
    if (limits.memoryReservation() > 0) {
      CgroupFiles.write(require(cgroup, "memory", "memory reservation").resolve("memory.soft_limit_in_bytes"),
          Long.toString(limits.memoryReservation()));
    }
    if (limits.memorySwap() != 0) {
      Path memsw = require(cgroup, "memory", "swap limit").resolve(SWAP_LIMIT_FILE);
      if (supportsSwapLimit()) { // else the engine has warned: Docker's "Memory limited without swap"
        CgroupFiles.write(memsw, Long.toString(limits.memorySwap()));
      }
    }
    Optional<Path> cpuset = cgroup.dirFor("cpuset");
    if (cpuset.isPresent()) {
      writeCpuset(cpuset.get(), "cpuset.cpus", limits.cpusetCpus());
      writeCpuset(cpuset.get(), "cpuset.mems", limits.cpusetMems());
    } else if (!limits.cpusetCpus().isEmpty() || !limits.cpusetMems().isEmpty()) {
      require(cgroup, "cpuset", "cpuset");
    }
    if (limits.pidsLimit() > 0) {
      CgroupFiles.write(require(cgroup, "pids", "pids limit").resolve("pids.max"), Long.toString(limits.pidsLimit()));
    }
    if (limits.cpuPeriodMicros() > 0) {
      CgroupFiles.write(require(cgroup, "cpu", "CPU period").resolve("cpu.cfs_period_us"), Long.toString(limits.cpuPeriodMicros()));
    }
    if (limits.cpuQuotaMicros() > 0) {
      CgroupFiles.write(require(cgroup, "cpu", "CPU quota").resolve("cpu.cfs_quota_us"), Long.toString(limits.cpuQuotaMicros()));
    }
    if (limits.cpuShares() > 0) {
      CgroupFiles.write(require(cgroup, "cpu", "CPU shares value").resolve("cpu.shares"), Long.toString(limits.cpuShares()));
    }
    Optional<Path> devices = cgroup.dirFor("devices");
    if (devices.isPresent()) {
      CgroupFiles.write(devices.get().resolve("devices.deny"), "a");
      for (String rule : DEVICE_RULES) {
        CgroupFiles.write(devices.get().resolve("devices.allow"), rule);
      }
      for (String rule : limits.deviceRules()) {
        CgroupFiles.write(devices.get().resolve("devices.allow"), rule);
      }
    } else if (!limits.deviceRules().isEmpty()) {
      require(cgroup, "devices", "device (" + String.join(", ", limits.deviceRules()) + ")");
    }
  }

  /** The requested cpuset, else the parent's; the kernel refuses CPUs or nodes the parent does not have (EINVAL). */
  private static void writeCpuset(Path dir, String file, String wanted) {
    if (wanted.isEmpty()) {
      inheritCpuset(dir);
      return;
    }
    try {
      CgroupFiles.write(dir.resolve(file), wanted);
    } catch (CgroupException e) {
      String available = CgroupFiles.readOrEmpty(dir.getParent().resolve(file)).strip();
      throw new CgroupException("cannot limit the container to " + (file.endsWith("cpus") ? "CPUs" : "memory nodes") + " "
          + wanted + ": only " + available + " are available to the engine (" + dir.getParent().resolve(file)
          + "); ask for a subset of those (" + e.getMessage() + ")", e);
    }
  }

  @Override
  public void freeze(ContainerCgroup cgroup, boolean frozen) {
    Path state = require(cgroup, "freezer", (frozen ? "pause" : "unpause") + " (freezer)").resolve("freezer.state");
    String want = frozen ? "FROZEN" : "THAWED";
    CgroupFiles.write(state, want);
    // FREEZING while tasks are still being stopped; writing FROZEN again nudges the kernel (runc does the same)
    if (!CgroupFiles.await(() -> CgroupFiles.readOrEmpty(state).strip().equals(want), () -> CgroupFiles.write(state, want),
        FREEZE_TIMEOUT_MILLIS)) {
      String now = CgroupFiles.readOrEmpty(state).strip();
      if (frozen) {
        CgroupFiles.write(state, "THAWED"); // do not leave it half frozen
      }
      throw new CgroupException("the cgroup " + state.getParent() + " did not become " + want + " within "
          + FREEZE_TIMEOUT_MILLIS + " ms (freezer.state: " + now + ")");
    }
  }

  @Override
  public boolean isFrozen(ContainerCgroup cgroup) {
    return cgroup.dirFor("freezer")
        .map(d -> !CgroupFiles.readOrEmpty(d.resolve("freezer.state")).strip().equals("THAWED")
            && !CgroupFiles.readOrEmpty(d.resolve("freezer.state")).isBlank())
        .orElse(false);
  }

  @Override
  public long oomKills(ContainerCgroup cgroup) {
    return cgroup.dirFor("memory").map(d -> CgroupFiles.readKey(d.resolve("memory.oom_control"), "oom_kill")).orElse(0L);
  }

  @Override
  public CgroupStats stats(ContainerCgroup cgroup) {
    java.util.Optional<java.nio.file.Path> memory = cgroup.dirFor("memory");
    long usage = memory.map(d -> number(d.resolve("memory.usage_in_bytes"))).orElse(0L);
    long cache = memory.map(d -> CgroupFiles.readKey(d.resolve("memory.stat"), "total_inactive_file")).orElse(0L);
    long limit = memory.map(d -> number(d.resolve("memory.limit_in_bytes"))).orElse(0L);
    long cpu = cgroup.dirFor("cpuacct").map(d -> number(d.resolve("cpuacct.usage"))).orElse(0L);
    long pids = cgroup.dirFor("pids").map(d -> number(d.resolve("pids.current"))).orElse(0L);
    // v1 says "no limit" with a huge number (PAGE_COUNTER_MAX pages)
    return new CgroupStats(usage, cache, limit >= Long.MAX_VALUE / 2 ? 0 : limit, cpu, pids);
  }

  static long number(java.nio.file.Path file) {
    String text = CgroupFiles.readOrEmpty(file).strip();
    try {
      return text.isEmpty() || text.equals("max") ? 0 : Long.parseLong(text);
    } catch (NumberFormatException e) {
      return 0;
    }
  }
}
