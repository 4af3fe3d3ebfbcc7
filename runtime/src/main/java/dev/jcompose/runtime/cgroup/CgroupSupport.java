package dev.jcompose.runtime.cgroup;

import dev.jcompose.linux.proc.CgroupMembership;
import dev.jcompose.linux.proc.MountInfo;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.function.Function;

/**
 * Picks the cgroup backend for this host, once: v2 when {@code /sys/fs/cgroup} is a cgroup2
 * filesystem whose root offers the memory controller, else v1 when a v1 memory hierarchy is
 * mounted (hybrid hosts such as Debian 12 without systemd have an almost empty cgroup2 at
 * {@code /sys/fs/cgroup/unified}: that counts as v1).
 */
public final class CgroupSupport {
  private CgroupSupport() {}

  /** The manager for the calling process; throws {@link CgroupException} naming what is missing. */
  public static CgroupManager detect() {
    return detect(MountInfo.readSelf(), CgroupMembership.readSelf(), CgroupFiles::readOrEmpty);
  }

  static CgroupManager detect(List<MountInfo> mounts, List<CgroupMembership> self, Function<Path, String> readFile) {
    boolean unified = mounts.stream().anyMatch(m -> m.fsType().equals("cgroup2") && m.mountPoint().equals("/sys/fs/cgroup"));
    if (unified) {
      Set<String> controllers = Set.of(readFile.apply(Path.of("/sys/fs/cgroup/cgroup.controllers")).trim().split("\\s+"));
      if (controllers.contains("memory")) {
        return CgroupV2Manager.forProcess(mounts, self);
      }
      throw new CgroupException("/sys/fs/cgroup is cgroup v2 but offers no memory controller (cgroup.controllers: "
          + String.join(" ", controllers) + "); enable it on the kernel command line or in the parent cgroup");
    }
    boolean v1Memory = mounts.stream().anyMatch(m -> m.fsType().equals("cgroup") && m.superOptionSet().contains("memory"));
    if (v1Memory) {
      return CgroupV1Manager.forProcess(mounts, self);
    }
    throw new CgroupException("no usable cgroup hierarchy: /sys/fs/cgroup is not cgroup v2 and no cgroup v1 memory "
        + "hierarchy is mounted; mount cgroup2 at /sys/fs/cgroup (or the v1 hierarchies) before starting the engine");
  }
}
