package dev.jcompose.compose;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;

/**
 * The {@code ../shared} folder beside the repository (the schema, the corpus). It is not part
 * of the project: tests that need it skip, with the reason, when it is absent.
 */
public final class SharedFiles {

    private SharedFiles() {
    }

    /** {@code ../shared/<relative>}, searched upwards from the module directory; skips the test when missing. */
    public static Path require(String relative) {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve("shared").resolve(relative);
            if (Files.exists(candidate)) {
                return candidate;
            }
        }
        Assumptions.abort("../shared/" + relative + " is not present beside the repository; skipped");
        throw new AssertionError("unreachable");
    }
}
