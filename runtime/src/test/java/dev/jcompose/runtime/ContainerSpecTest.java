package dev.jcompose.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class ContainerSpecTest {
  private static final List<Path> LAYERS = List.of(Path.of("/img/l1"));
  private static final Path STATE = Path.of("/var/lib/jcompose/containers/a");

  @Test
  void of_fillsDefaults() {
    ContainerSpec s = ContainerSpec.of("a", LAYERS, STATE, List.of("true"));
    assertEquals("", s.hostname());
    assertEquals("/", s.workingDir());
    assertEquals(Resources.NONE, s.resources());
    assertEquals(true, s.newNetwork());
  }

  @Test
  void withers_changeOneField() {
    ContainerSpec s = ContainerSpec.of("a", LAYERS, STATE, List.of("true"))
        .withHostname("h").withUser(1000, 100).withWorkingDir("/app").withNewNetwork(false)
        .withEnv(List.of("A=1")).withResources(Resources.NONE.withPidsLimit(5))
        .withMounts(List.of(MountSpec.tmpfs("/run", List.of())));
    assertEquals("h", s.hostname());
    assertEquals(1000, s.uid());
    assertEquals(100, s.gid());
    assertEquals("/app", s.workingDir());
    assertEquals(false, s.newNetwork());
    assertEquals(List.of("A=1"), s.env());
    assertEquals(5, s.resources().pidsLimit());
    assertEquals(1, s.mounts().size());
  }

  @Test
  void id_mustBeUsableAsACgroupName() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> ContainerSpec.of("../x", LAYERS, STATE, List.of("true")));
    assertEquals("container id \"../x\" must be 1-128 letters, digits, '_', '.' or '-', starting with a letter or digit", e.getMessage());
  }

  @Test
  void emptyCommand_isRejected() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ContainerSpec.of("a", LAYERS, STATE, List.of()));
    assertEquals("container a: no command to run (args is empty)", e.getMessage());
  }

  @Test
  void noLayers_isRejected() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ContainerSpec.of("a", List.of(), STATE, List.of("true")));
    assertEquals("container a: no image layers (lowerDirs is empty)", e.getMessage());
  }

  @Test
  void envWithoutEquals_isRejected() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> ContainerSpec.of("a", LAYERS, STATE, List.of("true")).withEnv(List.of("JUSTKEY")));
    assertEquals("container a: environment entry \"JUSTKEY\" is not KEY=VALUE", e.getMessage());
  }

  @Test
  void relativePaths_areRejected() {
    assertThrows(IllegalArgumentException.class, () -> ContainerSpec.of("a", List.of(Path.of("img")), STATE, List.of("true")));
    assertThrows(IllegalArgumentException.class, () -> ContainerSpec.of("a", LAYERS, Path.of("state"), List.of("true")));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> ContainerSpec.of("a", LAYERS, STATE, List.of("true")).withWorkingDir("app"));
    assertEquals("container a: working dir \"app\" must be absolute", e.getMessage());
  }
}
