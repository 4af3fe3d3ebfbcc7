package dev.jcompose.compose.model;

import java.util.Objects;

/**
 * One entry of a service's {@code secrets} or {@code configs}: a top-level secret or config
 * mounted into the container. The short syntax names only the source.
 *
 * @param source the top-level key
 * @param target where it is mounted (a secret's default is {@code /run/secrets/<source>}, a
 *     config's {@code /<source>}), or null for that default
 * @param uid owner, or null
 * @param gid group, or null
 * @param mode file mode, or null for the default (0444)
 */
public record FileReference(String source, String target, String uid, String gid, Integer mode) {

    public FileReference {
        Objects.requireNonNull(source, "source");
    }
}
