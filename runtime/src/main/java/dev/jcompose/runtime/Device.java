package dev.jcompose.runtime;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * One of Docker's {@code HostConfig.Devices} (Compose's {@code devices}): a host device node made
 * available in the container at {@code containerPath} and allowed in its devices cgroup.
 *
 * @param hostPath      an absolute path of a character or block device on the host ({@code /dev/fuse})
 * @param containerPath where it appears in the container; below {@code /dev}, as Docker requires
 * @param permissions   cgroup access: some of {@code r} (read), {@code w} (write), {@code m} (mknod)
 */
public record Device(String hostPath, String containerPath, String permissions) {
  private static final Pattern PERMISSIONS = Pattern.compile("[rwm]{1,3}");

  public Device {
    Objects.requireNonNull(hostPath, "hostPath");
    containerPath = containerPath == null || containerPath.isEmpty() ? hostPath : containerPath;
    permissions = permissions == null || permissions.isEmpty() ? "rwm" : permissions;
    if (!hostPath.startsWith("/")) {
      throw new IllegalArgumentException("device \"" + hostPath + "\": the host path must be absolute (e.g. /dev/fuse)");
    }
    if (!containerPath.startsWith("/dev/") || java.util.List.of(containerPath.split("/")).contains("..")) {
      throw new IllegalArgumentException("device \"" + hostPath + "\": the path in the container, \"" + containerPath
          + "\", must be below /dev (e.g. " + hostPath + ":/dev/mydevice)");
    }
    if (!PERMISSIONS.matcher(permissions).matches() || permissions.chars().distinct().count() != permissions.length()) {
      throw new IllegalArgumentException("device \"" + hostPath + "\": invalid permissions \"" + permissions
          + "\": use a combination of r (read), w (write) and m (mknod), e.g. rwm");
    }
  }

  /** Docker's {@code --device} syntax: {@code HOST[:CONTAINER][:PERMISSIONS]}. */
  public static Device parse(String text) {
    String[] parts = text.split(":", -1);
    return switch (parts.length) {
      case 1 -> new Device(parts[0], null, null);
      case 2 -> PERMISSIONS.matcher(parts[1]).matches() ? new Device(parts[0], null, parts[1]) : new Device(parts[0], parts[1], null);
      case 3 -> new Device(parts[0], parts[1], parts[2]);
      default -> throw new IllegalArgumentException("invalid device specification \"" + text + "\": use HOST[:CONTAINER][:PERMISSIONS]");
    };
  }
}
