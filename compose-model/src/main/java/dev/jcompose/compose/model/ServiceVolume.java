package dev.jcompose.compose.model;

import java.util.Objects;

/**
 * One mount of a service, in the long syntax.
 *
 * @param source a volume key (as declared at the top level), an absolute host path for a bind,
 *     or null for an anonymous volume or a tmpfs
 * @param bind options of a bind mount, or null
 * @param volume options of a volume mount, or null
 * @param tmpfs options of a tmpfs mount, or null
 */
public record ServiceVolume(Type type, String source, String target, boolean readOnly, Bind bind, Volume volume,
        Tmpfs tmpfs) {

    /** The kinds of mount jcompose supports. */
    public enum Type {
        VOLUME, BIND, TMPFS;

        /** The word used in Compose files and in the Docker API. */
        public String value() {
            return name().toLowerCase();
        }
    }

    /**
     * @param propagation rprivate, rslave, ... or null
     * @param createHostPath create a missing source directory (true for the short syntax)
     * @param selinux {@code z}, {@code Z} or null
     */
    public record Bind(String propagation, boolean createHostPath, String selinux) {
    }

    /** @param subpath a path inside the volume to mount instead of its root, or null */
    public record Volume(boolean nocopy, String subpath) {
    }

    /**
     * @param size bytes, or null for the kernel's default
     * @param mode file mode, or null
     */
    public record Tmpfs(Long size, Integer mode) {
    }

    public ServiceVolume {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(target, "target");
    }

    public boolean isAnonymous() {
        return type == Type.VOLUME && source == null;
    }
}
