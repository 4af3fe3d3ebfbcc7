package dev.jcompose.cli.compose;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.jcompose.cli.UserFacingException;
import dev.jcompose.compose.loader.ProjectLoader;
import dev.jcompose.compose.loader.ProjectOptions;
import dev.jcompose.compose.model.Project;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BindSourcesTest {
  @TempDir
  Path dir;

  private Project load(String yaml) {
    return ProjectLoader.loadContent(ProjectOptions.of(dir), "compose.yaml", yaml);
  }

  private static String bind(String source, boolean create) {
    return "      - type: bind\n        source: " + source + "\n        target: /m\n        bind:\n          create_host_path: " + create + "\n";
  }

  @Test
  void check_missingPathWithCreateHostPathFalse_namesServicePathAndWhatToDo() {
    Project p = load("services:\n  web:\n    image: busybox\n    volumes:\n" + bind("./absent", false));
    UserFacingException e = assertThrows(UserFacingException.class, () -> BindSources.check(p.services()));
    Path absent = dir.toAbsolutePath().resolve("absent");
    assertEquals("service \"web\" mounts " + absent + " at /m, but " + absent + " does not exist on this host and"
        + " bind.create_host_path is false\ncreate that path first, or set bind.create_host_path: true (or use the short syntax)"
        + " to have it created as an empty directory", e.getMessage());
  }

  @Test
  void check_existingPath_orCreateHostPath_passes() throws Exception {
    Files.createDirectories(dir.resolve("there"));
    Project p = load("services:\n  web:\n    image: busybox\n    volumes:\n" + bind("./there", false) + "      - ./absent:/x\n"
        + "  api:\n    image: busybox\n    volumes:\n" + bind("./absent2", true));
    BindSources.check(p.services());
  }
}
