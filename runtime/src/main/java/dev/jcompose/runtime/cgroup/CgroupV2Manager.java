package dev.jcompose.runtime.cgroup;

import dev.jcompose.linux.proc.CgroupMembership;
import dev.jcompose.linux.proc.MountInfo;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * cgroup v2: one directory, below the engine's own cgroup. The {@code cpu}, {@code cpuset},
 * {@code memory} and {@code pids} controllers (those the host offers) are enabled for the children of the engine's cgroup and of
 * {@code jcompose} ({@code cgroup.subtree_control}). The "no internal processes" rule means the
 * engine's own cgroup must not hold processes other than in leaf children, as with a systemd
 * unit that delegates its cgroup.
 */
public final class CgroupV2Manager extends AbstractCgroupManager {
  static final List<String> CONTROLLERS = List.of("cpu", "cpuset", "memory", "pids");
  private static final long DEFAULT_CPU_PERIOD = 100_000;

  public CgroupV2Manager(Path ownDir) {
    super(List.of(new CgroupHierarchy(CgroupDir.UNIFIED, ownDir)));
  }

  /** The calling process's v2 cgroup, from its mountinfo and {@code /proc/self/cgroup}. */
  public static CgroupV2Manager forProcess(List<MountInfo> mounts, List<CgroupMembership> memberships) {
    CgroupMembership self = memberships.stream().filter(CgroupMembership::isUnified).findFirst()
        .orElseThrow(() -> new CgroupException("/proc/self/cgroup has no cgroup v2 line (0::PATH)"));
    MountInfo mount = mounts.stream().filter(m -> m.fsType().equals("cgroup2") && m.mountPoint().equals("/sys/fs/cgroup"))
        .findFirst().orElseThrow(() -> new CgroupException("no cgroup2 filesystem is mounted at /sys/fs/cgroup"));
    return new CgroupV2Manager(CgroupHierarchy.dirOf(mount, self.path()));
  }

  @Override
  public String describe() {
    return "cgroup v2 at " + hierarchies().get(0).ownDir();
  }

  @Override
  void prepareParent(Path parent) {
    enableControllers(parent.getParent());
    CgroupFiles.createDir(parent);
    enableControllers(parent);
  }

  private static void enableControllers(Path dir) {
    Set<String> available = Set.of(CgroupFiles.readOrEmpty(dir.resolve("cgroup.controllers")).trim().split("\\s+"));
    Set<String> enabled = Set.of(CgroupFiles.readOrEmpty(dir.resolve("cgroup.subtree_control")).trim().split("\\s+"));
    String wanted = CONTROLLERS.stream().filter(available::contains).filter(c -> !enabled.contains(c))
        .map(c -> "+" + c).collect(Collectors.joining(" "));
    if (wanted.isEmpty()) {
      return;
    }
    try {
      CgroupFiles.write(dir.resolve("cgroup.subtree_control"), wanted);
    } catch (CgroupException e) {
      throw new CgroupException(e.getMessage() + ". If the engine's own cgroup holds processes, cgroup v2 refuses "
          + "to delegate controllers from it: run the engine in a cgroup of its own (systemd: Delegate=yes), "
          + "or move its other processes into a leaf cgroup", e);
    }
  }

  @Override
  void writeLimits(ContainerCgroup cgroup, CgroupLimits limits) {
    Path dir = cgroup.dirs().get(0).path();
    if (limits.memoryBytes() > 0) {
      CgroupFiles.write(dir.resolve("memory.max"), Long.toString(limits.memoryBytes()));
    }
    if (limits.memoryReservation() > 0) {
      CgroupFiles.write(dir.resolve("memory.low"), Long.toString(limits.memoryReservation()));
    }
    if (limits.memorySwap() != 0 && java.nio.file.Files.exists(dir.resolve("memory.swap.max"))) {
      // v2 limits swap alone: Docker's MemorySwap (memory plus swap) less the memory limit, as runc converts it
      CgroupFiles.write(dir.resolve("memory.swap.max"),
          limits.memorySwap() < 0 ? "max" : Long.toString(Math.max(0, limits.memorySwap() - limits.memoryBytes())));
    }
    if (!limits.cpusetCpus().isEmpty()) {
      CgroupFiles.write(requireFile(dir, "cpuset.cpus", "cpuset"), limits.cpusetCpus());
    }
    if (!limits.cpusetMems().isEmpty()) {
      CgroupFiles.write(requireFile(dir, "cpuset.mems", "cpuset"), limits.cpusetMems());
    }
    if (limits.pidsLimit() > 0) {
      CgroupFiles.write(dir.resolve("pids.max"), Long.toString(limits.pidsLimit()));
    }
    // devices: cgroup v2 controls them with an eBPF program (BPF_CGROUP_DEVICE), which this manager does not
    // load yet: the extra device rules need no cgroup change here, and the default deny list is not enforced
    // by the cgroup either (only by the capabilities and by /dev holding nothing else)
    if (limits.cpuQuotaMicros() > 0 || limits.cpuPeriodMicros() > 0) {
      long period = limits.cpuPeriodMicros() > 0 ? limits.cpuPeriodMicros() : DEFAULT_CPU_PERIOD;
      String quota = limits.cpuQuotaMicros() > 0 ? Long.toString(limits.cpuQuotaMicros()) : "max";
      CgroupFiles.write(dir.resolve("cpu.max"), quota + " " + period);
    }
    if (limits.cpuShares() > 0) {
      CgroupFiles.write(dir.resolve("cpu.weight"), Long.toString(cpuWeight(limits.cpuShares())));
    }
  }

  /** {@code dir/file}, or an error naming the controller the host does not delegate. */
  private static Path requireFile(Path dir, String file, String controller) {
    Path p = dir.resolve(file);
    if (!java.nio.file.Files.exists(p)) {
      throw new CgroupException("a " + controller + " limit was asked for, but " + p + " does not exist: the " + controller
          + " controller is not enabled for the engine's cgroup (add it to cgroup.subtree_control of the parents)");
    }
    return p;
  }

  @Override
  public boolean supportsSwapLimit() {
    Path own = hierarchies().get(0).ownDir();
    // the root cgroup has no memory.swap.* files; a child has them when the kernel accounts swap
    return java.nio.file.Files.exists(own.resolve("memory.swap.max")) || own.equals(Path.of("/sys/fs/cgroup"));
  }

  /** runc's conversion of v1 shares (2..262144) to a v2 weight (1..10000). */
  static long cpuWeight(long shares) {
    long clamped = Math.max(2, Math.min(262_144, shares));
    return 1 + ((clamped - 2) * 9_999) / 262_142;
  }

  @Override
  public void freeze(ContainerCgroup cgroup, boolean frozen) {
    Path dir = cgroup.dirs().get(0).path();
    Path freeze = dir.resolve("cgroup.freeze");
    if (!java.nio.file.Files.exists(freeze)) {
      throw new CgroupException("cannot " + (frozen ? "pause" : "unpause") + ": " + freeze
          + " does not exist (the cgroup v2 freezer needs Linux 5.2 or later)");
    }
    CgroupFiles.write(freeze, frozen ? "1" : "0");
    long want = frozen ? 1 : 0;
    if (!CgroupFiles.await(() -> CgroupFiles.readKey(dir.resolve("cgroup.events"), "frozen") == want, () -> { },
        FREEZE_TIMEOUT_MILLIS)) {
      if (frozen) {
        CgroupFiles.write(freeze, "0");
      }
      throw new CgroupException("the cgroup " + dir + " did not become " + (frozen ? "frozen" : "thawed") + " within "
          + FREEZE_TIMEOUT_MILLIS + " ms (cgroup.events: frozen " + CgroupFiles.readKey(dir.resolve("cgroup.events"), "frozen") + ")");
    }
  }

  @Override
  public boolean isFrozen(ContainerCgroup cgroup) {
    return CgroupV1Manager.number(cgroup.dirs().get(0).path().resolve("cgroup.freeze")) == 1
        || CgroupFiles.readKey(cgroup.dirs().get(0).path().resolve("cgroup.events"), "frozen") == 1;
  }

  @Override
  public long oomKills(ContainerCgroup cgroup) {
    return CgroupFiles.readKey(cgroup.dirs().get(0).path().resolve("memory.events"), "oom_kill");
  }

  @Override
  public CgroupStats stats(ContainerCgroup cgroup) {
    java.nio.file.Path d = cgroup.dirs().get(0).path();
    return new CgroupStats(CgroupV1Manager.number(d.resolve("memory.current")),
        CgroupFiles.readKey(d.resolve("memory.stat"), "inactive_file"),
        CgroupV1Manager.number(d.resolve("memory.max")),
        CgroupFiles.readKey(d.resolve("cpu.stat"), "usage_usec") * 1000,
        CgroupV1Manager.number(d.resolve("pids.current")));
  }
}
