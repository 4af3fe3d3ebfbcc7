package dev.jcompose.compose.normalize;

import java.util.Set;

/**
 * The short volume syntax {@code [SOURCE:]TARGET[:MODE]}, as compose-go's
 * {@code format.ParseVolume}: {@code "/anon"} is an anonymous volume, a source starting with
 * {@code .}, {@code /} or {@code ~} is a bind mount (creating the host path), any other source
 * names a volume. MODE is a comma-separated list of {@code ro}, {@code rw}, {@code nocopy},
 * a propagation mode, or an SELinux label {@code z}/{@code Z}.
 */
public final class VolumeSyntax {

    /** The parsed form; null fields were not given. */
    public record Spec(String type, String source, String target, boolean readOnly, String propagation,
            String selinux, boolean nocopy) {
    }

    private static final Set<String> PROPAGATION = Set.of("shared", "rshared", "slave", "rslave", "private",
            "rprivate");
    /** macOS consistency options: meaningless on Linux, and Compose accepts them silently. */
    private static final Set<String> CONSISTENCY = Set.of("cached", "delegated", "consistent");

    private VolumeSyntax() {
    }

    /** @throws IllegalArgumentException with the reason */
    public static Spec parse(String raw) {
        if (raw.isEmpty()) {
            throw new IllegalArgumentException("a volume cannot be empty");
        }
        String[] parts = raw.split(":", -1);
        if (parts.length > 3) {
            throw new IllegalArgumentException("too many colons");
        }
        for (String part : parts) {
            if (part.isEmpty()) {
                throw new IllegalArgumentException("a part between colons is empty");
            }
        }
        if (parts.length == 1) {
            return new Spec("volume", null, parts[0], false, null, null, false);
        }
        String source = parts[0];
        String type = isPath(source) ? "bind" : "volume";
        boolean readOnly = false;
        boolean nocopy = false;
        String propagation = null;
        String selinux = null;
        if (parts.length == 3) {
            for (String option : parts[2].split(",")) {
                if (option.equals("ro") || option.equals("rw")) {
                    readOnly = option.equals("ro");
                } else if (option.equals("nocopy")) {
                    nocopy = true;
                } else if (option.equals("z") || option.equals("Z")) {
                    selinux = option;
                } else if (PROPAGATION.contains(option)) {
                    propagation = option;
                } else if (!CONSISTENCY.contains(option)) {
                    throw new IllegalArgumentException("unknown option " + option
                            + " (expected ro, rw, nocopy, z, Z or a propagation mode such as rslave)");
                }
            }
        }
        return new Spec(type, source, parts[1], readOnly, propagation, selinux, nocopy);
    }

    static boolean isPath(String source) {
        return source.startsWith(".") || source.startsWith("/") || source.startsWith("~");
    }
}
