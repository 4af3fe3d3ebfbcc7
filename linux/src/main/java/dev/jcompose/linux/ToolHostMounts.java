package dev.jcompose.linux;

import dev.jcompose.linux.proc.MountInfo;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** {@link HostMounts} through {@code mount(8)}, {@code umount(8)} and {@code /proc/self/mountinfo}. */
final class ToolHostMounts implements HostMounts {
  static final ToolHostMounts INSTANCE = new ToolHostMounts();

  private ToolHostMounts() {}

  @Override
  public void mount(String type, String device, Path target, String options) {
    List<String> argv = new ArrayList<>(List.of("mount", "-t", type));
    if (!options.isEmpty()) {
      argv.addAll(List.of("-o", options));
    }
    argv.addAll(List.of("--", device, target.toString()));
    HostCommand.run(argv);
  }

  @Override
  public void unmount(Path target) {
    HostCommand.Result r = HostCommand.runAllowingFailure(List.of("umount", "--", target.toString()), new byte[0]);
    if (!r.ok()) {
      HostCommand.run(List.of("umount", "-l", "--", target.toString())); // busy (a shell's cwd): detached now, freed when let go
    }
  }

  @Override
  public boolean isMountPoint(Path path) {
    return mountCount(path) > 0;
  }

  @Override
  public int mountCount(Path path) {
    String p = real(path);
    return (int) MountInfo.readSelf().stream().filter(m -> m.mountPoint().equals(p)).count();
  }

  private static String real(Path path) {
    try {
      return path.toRealPath().toString();
    } catch (IOException e) {
      return path.toAbsolutePath().normalize().toString();
    }
  }
}
