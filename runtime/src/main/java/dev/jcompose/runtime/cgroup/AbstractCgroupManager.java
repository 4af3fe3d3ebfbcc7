package dev.jcompose.runtime.cgroup;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * What v1 and v2 share: a container's cgroup is {@code <own>/jcompose/<id>} in each hierarchy;
 * creating writes the limits, removing also drops the {@code jcompose} parent once unused.
 */
abstract class AbstractCgroupManager implements CgroupManager {
  static final String PARENT = "jcompose";

  /** Serialises creating and removing the shared parent dir, so one container's cleanup cannot pull it away from another's mkdir. */
  private static final Object PARENT_LOCK = new Object();

  private final List<CgroupHierarchy> hierarchies;

  AbstractCgroupManager(List<CgroupHierarchy> hierarchies) {
    if (hierarchies.isEmpty()) {
      throw new CgroupException("no cgroup hierarchy to create container cgroups in");
    }
    this.hierarchies = List.copyOf(hierarchies);
  }

  List<CgroupHierarchy> hierarchies() {
    return hierarchies;
  }

  @Override
  public ContainerCgroup locate(String id) {
    if (!id.matches("[A-Za-z0-9][A-Za-z0-9_.-]*")) {
      throw new IllegalArgumentException("\"" + id + "\" cannot name a cgroup (use letters, digits, '_', '.', '-')");
    }
    List<CgroupDir> dirs = new ArrayList<>();
    for (CgroupHierarchy h : hierarchies) {
      dirs.add(new CgroupDir(h.controllers(), h.ownDir().resolve(PARENT).resolve(id)));
    }
    return new ContainerCgroup(dirs);
  }

  @Override
  public ContainerCgroup create(String id, CgroupLimits limits) {
    ContainerCgroup cgroup = locate(id);
    synchronized (PARENT_LOCK) {
      for (CgroupDir dir : cgroup.dirs()) {
        prepareParent(dir.path().getParent());
        CgroupFiles.createDir(dir.path());
      }
    }
    try {
      writeLimits(cgroup, limits);
    } catch (RuntimeException e) {
      try {
        remove(cgroup);
      } catch (RuntimeException suppressed) {
        e.addSuppressed(suppressed);
      }
      throw e;
    }
    return cgroup;
  }

  @Override
  public void remove(ContainerCgroup cgroup) {
    CgroupException failure = null;
    for (CgroupDir dir : cgroup.dirs()) {
      try {
        CgroupFiles.removeDir(dir.path());
      } catch (CgroupException e) {
        failure = failure == null ? e : failure;
      }
    }
    synchronized (PARENT_LOCK) {
      cgroup.dirs().forEach(d -> CgroupFiles.removeIfUnused(d.path().getParent()));
    }
    if (failure != null) {
      throw failure;
    }
  }

  /** Creates the {@code jcompose} parent dir (v2 also enables controllers for its children). */
  void prepareParent(Path parent) {
    CgroupFiles.createDir(parent);
  }

  /** How long freezing or thawing may take before it counts as failed (runc retries for about as long). */
  static final long FREEZE_TIMEOUT_MILLIS = 5_000;

  abstract void writeLimits(ContainerCgroup cgroup, CgroupLimits limits);

  /** The directory for {@code controller}, or an error saying the host lacks it. */
  static Path require(ContainerCgroup cgroup, String controller, String limit) {
    return cgroup.dirFor(controller).orElseThrow(() -> new CgroupException(
        "a " + limit + " was asked for, but this host has no " + controller + " cgroup controller mounted"));
  }
}
