package dev.jcompose.cli.commands;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.jcompose.cli.compose.ProjectLoadingAccess;
import dev.jcompose.compose.loader.ProjectLoader;
import dev.jcompose.compose.loader.ProjectOptions;
import dev.jcompose.compose.model.Project;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Which images {@code down --rmi local|all} removes, as docker compose does. */
class DownRmiTest {
  private static final String YAML = """
      name: shop
      services:
        web:
          build: .
        api:
          build: .
          image: registry.example/team/api:2
        db:
          image: postgres:16
        cache:
          image: postgres:16
      """;

  @Test
  void local_onlyBuiltImagesWithoutACustomName_all_everyServiceImageOnce(@TempDir Path dir) {
    Project p = ProjectLoadingAccess.withBuiltImageNames(ProjectLoader.loadContent(ProjectOptions.of(dir), "compose.yaml", YAML));
    assertEquals(List.of("shop-web"), DownCommand.imagesToRemove(p, false));
    assertEquals(List.of("shop-web", "registry.example/team/api:2", "postgres:16"), DownCommand.imagesToRemove(p, true));
  }
}
