package dev.jcompose.engine.containers;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.jcompose.api.model.HostConfig;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LinkAliasesTest {

  private static HostConfig links(List<String> links) {
    return new HostConfig(null, null, null, null, null, null, null, null, null, null, null, null, null, null, null, null, null, links, null);
  }

  @Test
  void linkAliases_aliasToContainerName_firstWins_dockersSlashFormAccepted() {
    assertEquals(Map.of("database", "p-db-1", "cache", "p-redis-1", "p-web-1", "p-web-1"),
        ContainerLauncher.linkAliases(links(List.of("p-db-1:database", "p-db-2:database", "/p-redis-1:/p-app-1/cache", "p-web-1"))));
    assertEquals(Map.of(), ContainerLauncher.linkAliases(HostConfig.empty()));
  }
}
