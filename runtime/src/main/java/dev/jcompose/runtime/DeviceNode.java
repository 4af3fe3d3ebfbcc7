package dev.jcompose.runtime;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * A {@link Device} resolved against the host: what jc-helper needs to make the node inside the
 * container ({@code mknod} with the host node's type, numbers, mode and owner) and the devices
 * cgroup rule that lets the container use it.
 */
record DeviceNode(char type, long major, long minor, int mode, int uid, int gid, String containerPath, String permissions) {
  private static final int S_IFMT = 0170000;
  private static final int S_IFCHR = 0020000;
  private static final int S_IFBLK = 0060000;

  /** Reads the host node (following symlinks, as Docker does); an error names the device and what to do. */
  static DeviceNode resolve(Device d) {
    Path host = Path.of(d.hostPath());
    try {
      int mode = (Integer) Files.getAttribute(host, "unix:mode");
      long rdev = (Long) Files.getAttribute(host, "unix:rdev");
      int uid = (Integer) Files.getAttribute(host, "unix:uid");
      int gid = (Integer) Files.getAttribute(host, "unix:gid");
      char type = switch (mode & S_IFMT) {
        case S_IFCHR -> 'c';
        case S_IFBLK -> 'b';
        default -> throw new IllegalArgumentException("device " + d.hostPath() + " is not a character or block device"
            + (Files.isDirectory(host, LinkOption.NOFOLLOW_LINKS) ? " but a directory (give each device in it instead)" : ""));
      };
      return new DeviceNode(type, major(rdev), minor(rdev), mode & 07777, uid, gid, d.containerPath(), d.permissions());
    } catch (NoSuchFileException e) {
      throw new IllegalArgumentException("error gathering device information while adding device \"" + d.hostPath()
          + "\": no such file or directory (is the device present on the engine's host?)", e);
    } catch (IOException e) {
      throw new IllegalArgumentException("error gathering device information while adding device \"" + d.hostPath() + "\": "
          + e.getMessage(), e);
    }
  }

  /** glibc's gnu_dev_major/minor. */
  static long major(long rdev) {
    return ((rdev >>> 8) & 0xfff) | ((rdev >>> 32) & ~0xfffL);
  }

  static long minor(long rdev) {
    return (rdev & 0xff) | ((rdev >>> 12) & ~0xffL);
  }

  /** The v1 {@code devices.allow} line: {@code c 10:229 rwm}. */
  String cgroupRule() {
    return type + " " + major + ":" + minor + " " + permissions;
  }

  /** jc-helper's {@code device=} value: TYPE, MAJOR, MINOR, MODE (octal), UID, GID, PATH, tab-separated. */
  String helperLine() {
    return type + "\t" + major + "\t" + minor + "\t" + Integer.toOctalString(mode) + "\t" + uid + "\t" + gid + "\t" + containerPath;
  }
}
