package dev.jcompose.runtime.cgroup;

/**
 * Creates, fills and removes the cgroup of one container, below the engine's own cgroup
 * ({@code <own>/jcompose/<id>}, per hierarchy). Pick one with {@link CgroupSupport#detect()}:
 * {@link CgroupV1Manager} or {@link CgroupV2Manager}.
 */
public interface CgroupManager {

  /** For messages: "cgroup v1 (memory, pids, ...)" or "cgroup v2 at /sys/fs/cgroup/...". */
  String describe();

  /** Where the cgroup of container {@code id} is (or would be); touches nothing. */
  ContainerCgroup locate(String id);

  /** Creates the cgroup of container {@code id} and writes {@code limits} into it. */
  ContainerCgroup create(String id, CgroupLimits limits);

  /**
   * Whether a {@link CgroupLimits#memorySwap()} can be applied: v1 needs the kernel's swap
   * accounting ({@code memory.memsw.*}), v2 {@code memory.swap.max}. When not, the limit is left
   * out and the engine says so (Docker's "Memory limited without swap").
   */
  boolean supportsSwapLimit();

  /** Moves process {@code pid} into every directory of the cgroup. */
  default void attach(ContainerCgroup cgroup, long pid) {
    for (CgroupDir dir : cgroup.dirs()) {
      CgroupFiles.write(dir.path().resolve("cgroup.procs"), Long.toString(pid));
    }
  }

  /** The cgroup's resource use now; a counter the hierarchy does not have reads 0. */
  CgroupStats stats(ContainerCgroup cgroup);

  /** How many processes the kernel's OOM killer has killed in the cgroup (0 when unknown). */
  long oomKills(ContainerCgroup cgroup);

  /**
   * Freezes ({@code docker pause}) or thaws the cgroup's processes. Freezing returns once the
   * kernel reports every task frozen (v1 {@code freezer.state} reads {@code FROZEN}, v2
   * {@code cgroup.events} says {@code frozen 1}); thawing once they run again.
   *
   * @throws CgroupException when the host has no freezer, or the cgroup did not reach the state in time
   */
  void freeze(ContainerCgroup cgroup, boolean frozen);

  /** Whether the cgroup is frozen now (false when it cannot tell, e.g. no freezer or no cgroup). */
  boolean isFrozen(ContainerCgroup cgroup);

  /**
   * Removes the cgroup's directories (once its processes are gone), and the shared
   * {@code jcompose} parent when no other container uses it. Idempotent.
   */
  void remove(ContainerCgroup cgroup);
}
