package dev.jcompose.runtime.cgroup;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Where one container's cgroup lives: a directory per hierarchy (v1) or one (v2). It is saved
 * in the container's state dir ({@link #serialize()}), so that cleanup after an engine restart
 * removes the directories that were really created, even if the engine now runs elsewhere.
 */
public record ContainerCgroup(List<CgroupDir> dirs) {
  public ContainerCgroup {
    dirs = List.copyOf(dirs);
  }

  /** The directory holding {@code controller}'s files, if the container has one. */
  public Optional<Path> dirFor(String controller) {
    return dirs.stream().filter(d -> d.has(controller)).map(CgroupDir::path).findFirst();
  }

  /** One line per directory: {@code CONTROLLERS<TAB>PATH}. */
  public String serialize() {
    StringBuilder out = new StringBuilder();
    dirs.forEach(d -> out.append(d.controllers()).append('\t').append(d.path()).append('\n'));
    return out.toString();
  }

  public static ContainerCgroup parse(String text) {
    List<CgroupDir> dirs = new ArrayList<>();
    for (String line : text.split("\n")) {
      int tab = line.indexOf('\t');
      if (tab >= 0) {
        dirs.add(new CgroupDir(line.substring(0, tab), Path.of(line.substring(tab + 1))));
      }
    }
    return new ContainerCgroup(dirs);
  }
}
