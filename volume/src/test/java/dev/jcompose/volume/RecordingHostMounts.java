package dev.jcompose.volume;

import dev.jcompose.linux.HostMounts;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Records mount and umount; a path counts as mounted while recorded. */
final class RecordingHostMounts implements HostMounts {
  final List<String> calls = new ArrayList<>();
  final Map<Path, Integer> mounted = new HashMap<>();
  boolean stuck;

  @Override
  public void mount(String type, String device, Path target, String options) {
    calls.add("mount -t " + type + " -o " + options + " " + device + " " + target.getFileName());
    mounted.merge(target, 1, Integer::sum);
  }

  @Override
  public void unmount(Path target) {
    calls.add("umount " + target.getFileName());
    if (!stuck) {
      mounted.computeIfPresent(target, (k, n) -> n == 1 ? null : n - 1);
    }
  }

  @Override
  public boolean isMountPoint(Path path) {
    return mounted.containsKey(path);
  }

  @Override
  public int mountCount(Path path) {
    return mounted.getOrDefault(path, 0);
  }
}
