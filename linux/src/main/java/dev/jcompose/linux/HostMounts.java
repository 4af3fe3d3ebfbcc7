package dev.jcompose.linux;

import java.nio.file.Path;

/**
 * Mounts in the engine's own mount namespace (the host's), as the volume module needs them for
 * the local driver's {@code type}/{@code device}/{@code o} options. Behind an interface so the
 * logic above it runs without root against a recording fake; {@link #onHost()} uses
 * {@code mount(8)} and {@code umount(8)} and reads {@code /proc/self/mountinfo}.
 *
 * <p>Methods that change state throw {@link HostCommandException} naming the command and what
 * it printed; callers add what they were trying to do.
 */
public interface HostMounts {

  /** {@code mount -t TYPE -o OPTIONS DEVICE TARGET}; {@code options} may be empty. */
  void mount(String type, String device, Path target, String options);

  /** Unmounts the top mount at {@code target}; a busy one is detached lazily ({@code umount -l}). */
  void unmount(Path target);

  /** Whether something is mounted exactly at {@code path} (after resolving its symbolic links). */
  boolean isMountPoint(Path path);

  /** How many mounts are stacked exactly at {@code path}. */
  int mountCount(Path path);

  static HostMounts onHost() {
    return ToolHostMounts.INSTANCE;
  }
}
