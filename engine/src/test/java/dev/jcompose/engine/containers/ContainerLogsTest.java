package dev.jcompose.engine.containers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.jcompose.engine.http.ApiException;
import org.junit.jupiter.api.Test;

class ContainerLogsTest {

  @Test
  void parseTail_absentOrAll_meansEverything() {
    assertEquals(-1, ContainerLogs.parseTail(null));
    assertEquals(-1, ContainerLogs.parseTail(""));
    assertEquals(-1, ContainerLogs.parseTail("all"));
  }

  @Test
  void parseTail_number() {
    assertEquals(5, ContainerLogs.parseTail("5"));
    assertEquals(0, ContainerLogs.parseTail("0"));
  }

  @Test
  void parseTail_negative_meansAll_asInDocker() {
    assertEquals(-1, ContainerLogs.parseTail("-3"));
  }

  @Test
  void parseTail_notANumber_isBadRequestNamingIt() {
    ApiException e = assertThrows(ApiException.class, () -> ContainerLogs.parseTail("ten"));
    assertEquals(400, e.status());
    assertEquals("tail must be a number of lines or \"all\", got ten", e.getMessage());
  }

  @Test
  void parseTail_upperCaseAll_isRejected() {
    assertEquals("tail must be a number of lines or \"all\", got ALL",
        assertThrows(ApiException.class, () -> ContainerLogs.parseTail("ALL")).getMessage());
  }
}
