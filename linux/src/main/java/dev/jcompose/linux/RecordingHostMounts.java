package dev.jcompose.linux;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * {@link HostMounts} for the tests of the modules above, without root: records each mount and
 * umount ({@link #calls()}, as "mount -t TYPE -o OPTIONS DEVICE NAME" with the target's file
 * name, and "umount NAME"); a path counts as mounted while a mount of it is recorded.
 * {@link #setStuck} makes umount leave it mounted, as a busy mount the kernel keeps.
 */
public final class RecordingHostMounts implements HostMounts {
  private final List<String> calls = new ArrayList<>();
  private final Map<Path, Integer> mounted = new HashMap<>();
  private boolean stuck;

  public synchronized List<String> calls() {
    return List.copyOf(calls);
  }

  public synchronized void setStuck(boolean stuck) {
    this.stuck = stuck;
  }

  @Override
  public synchronized void mount(String type, String device, Path target, String options) {
    calls.add("mount -t " + type + " -o " + options + " " + device + " " + target.getFileName());
    mounted.merge(target, 1, Integer::sum);
  }

  @Override
  public synchronized void unmount(Path target) {
    calls.add("umount " + target.getFileName());
    if (!stuck) {
      mounted.computeIfPresent(target, (k, n) -> n == 1 ? null : n - 1);
    }
  }

  @Override
  public synchronized boolean isMountPoint(Path path) {
    return mounted.containsKey(path);
  }

  @Override
  public synchronized int mountCount(Path path) {
    return mounted.getOrDefault(path, 0);
  }
}
