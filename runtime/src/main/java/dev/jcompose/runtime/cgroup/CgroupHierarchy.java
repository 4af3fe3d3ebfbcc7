package dev.jcompose.runtime.cgroup;

import dev.jcompose.linux.proc.MountInfo;
import java.nio.file.Path;

/**
 * A mounted cgroup hierarchy and the engine's own cgroup in it: {@code ownDir} is where the
 * {@code jcompose} parent of the container cgroups goes. {@code controllers} as in {@link CgroupDir}.
 */
public record CgroupHierarchy(String controllers, Path ownDir) {

  /**
   * The directory of cgroup {@code path} (as {@code /proc/self/cgroup} shows it) under
   * {@code mount}. When the hierarchy is mounted from a sub-directory (mountinfo's root is
   * {@code /docker/abc}), that prefix is not repeated below the mount point.
   */
  static Path dirOf(MountInfo mount, String path) {
    String root = mount.root();
    String rel = path;
    if (!root.equals("/") && (path.equals(root) || path.startsWith(root + "/"))) {
      rel = path.substring(root.length());
    }
    Path dir = Path.of(mount.mountPoint());
    for (String part : rel.split("/")) {
      if (!part.isEmpty()) {
        dir = dir.resolve(part);
      }
    }
    return dir;
  }
}
