package dev.jcompose.runtime.cgroup;

import java.nio.file.Path;
import java.util.List;

/**
 * One directory of a container's cgroup: in a v1 hierarchy its {@code controllers} are that
 * hierarchy's ({@code "memory"}, {@code "cpu,cpuacct"}); the v2 (unified) directory has
 * {@code ""}, meaning every controller.
 */
public record CgroupDir(String controllers, Path path) {
  public static final String UNIFIED = "";

  public boolean has(String controller) {
    return controllers.equals(UNIFIED) || List.of(controllers.split(",")).contains(controller);
  }
}
