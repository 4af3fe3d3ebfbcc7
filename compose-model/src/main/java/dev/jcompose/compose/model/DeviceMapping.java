package dev.jcompose.compose.model;

import java.util.Objects;

/**
 * One {@code devices} entry, from {@code SOURCE[:TARGET[:PERMISSIONS]]} or the long syntax.
 *
 * @param source the host device, or a CDI name such as {@code vendor.com/class=name}
 * @param target the path in the container (the source's when not given)
 * @param permissions cgroup permissions such as {@code rwm}
 */
public record DeviceMapping(String source, String target, String permissions) {

    public DeviceMapping {
        Objects.requireNonNull(source, "source");
        target = target == null ? source : target;
        permissions = permissions == null ? "rwm" : permissions;
    }
}
