package dev.jcompose.cli.compose;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jcompose.cli.UserFacingException;
import dev.jcompose.compose.model.PortConfig;
import dev.jcompose.compose.model.ServiceVolume;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RunFlagsTest {
  private static final Path CWD = Path.of("/srv/app");

  @Test
  void parseEnv_setsValues_passesNamesFromTheEnvironment_dropsUnsetOnes() {
    Map<String, String> env = RunFlags.parseEnv(List.of("A=1", "B=", "C=x=y", "HOME", "UNSET"),
        Map.of("HOME", "/root")::get);
    assertEquals(Map.of("A", "1", "B", "", "C", "x=y", "HOME", "/root"), env);
  }

  @Test
  void parseEnv_emptyName_namesTheFlagAndTheForm() {
    UserFacingException e = assertThrows(UserFacingException.class, () -> RunFlags.parseEnv(List.of("=x"), k -> null));
    assertEquals("invalid -e \"=x\": write KEY=VALUE to set a variable, or KEY to pass it from your environment "
        + "(the name cannot be empty or contain spaces)", e.getMessage());
  }

  @Test
  void parseLabels_keyValue_andError() {
    assertEquals(Map.of("a", "1", "b", ""), RunFlags.parseLabels(List.of("a=1", "b=")));
    UserFacingException e = assertThrows(UserFacingException.class, () -> RunFlags.parseLabels(List.of("nolabel")));
    assertEquals("invalid -l \"nolabel\": a label must be set as KEY=VALUE, e.g. -l com.example.purpose=migration", e.getMessage());
  }

  @Test
  void parseVolume_relativeBind_isResolvedAgainstTheWorkingDirectory() {
    ServiceVolume v = RunFlags.parseVolume("./data:/data:ro", CWD);
    assertEquals(ServiceVolume.Type.BIND, v.type());
    assertEquals("/srv/app/data", v.source());
    assertEquals("/data", v.target());
    assertTrue(v.readOnly());
  }

  @Test
  void parseVolume_namedAndAnonymous() {
    ServiceVolume named = RunFlags.parseVolume("dbdata:/var/lib/db", CWD);
    assertEquals(ServiceVolume.Type.VOLUME, named.type());
    assertEquals("dbdata", named.source());
    ServiceVolume anonymous = RunFlags.parseVolume("/cache", CWD);
    assertTrue(anonymous.isAnonymous());
    assertEquals("/cache", anonymous.target());
  }

  @Test
  void parseVolume_badSyntax_namesTheFlag() {
    UserFacingException e = assertThrows(UserFacingException.class, () -> RunFlags.parseVolume("a:b:c:d", CWD));
    assertEquals("invalid -v \"a:b:c:d\": too many colons; write [SOURCE:]TARGET[:MODE], e.g. -v ./data:/data, "
        + "-v dbdata:/var/lib/db:ro or -v /cache", e.getMessage());
    UserFacingException relative = assertThrows(UserFacingException.class, () -> RunFlags.parseVolume("./x:data", CWD));
    assertTrue(relative.getMessage().contains("the container path \"data\" must be absolute"), relative.getMessage());
  }

  @Test
  void parsePublish_shortSyntax() {
    assertEquals(List.of(new PortConfig(80, "8080", "127.0.0.1", "tcp", null, null, null)), RunFlags.parsePublish("127.0.0.1:8080:80"));
    PortConfig ephemeral = RunFlags.parsePublish("53/udp").get(0);
    assertNull(ephemeral.published());
    assertEquals("udp", ephemeral.protocol());
    assertEquals(2, RunFlags.parsePublish("8080-8081:80-81").size());
  }

  @Test
  void parsePublish_bad_namesTheFlagAndTheForm() {
    UserFacingException e = assertThrows(UserFacingException.class, () -> RunFlags.parsePublish("80:99999"));
    assertEquals("invalid -p \"80:99999\": 99999 is not a port number (1-65535); write [[HOST_IP:]HOST_PORT:]CONTAINER_PORT[/PROTOCOL], "
        + "e.g. -p 8080:80 or -p 127.0.0.1:5432:5432/tcp", e.getMessage());
    assertThrows(UserFacingException.class, () -> RunFlags.parsePublish("a:b:c:d"));
  }

  @Test
  void parseWords_likeAShell() {
    assertEquals(List.of("sh", "-c"), RunFlags.parseWords("--entrypoint", "sh -c"));
    assertEquals(List.of("echo", "a b", "it's", "x\"y"), RunFlags.parseWords("--entrypoint", "echo 'a b' \"it's\" x\\\"y"));
    assertEquals(List.of(), RunFlags.parseWords("--entrypoint", ""));
    assertEquals(List.of(""), RunFlags.parseWords("--entrypoint", "''"));
    UserFacingException e = assertThrows(UserFacingException.class, () -> RunFlags.parseWords("--entrypoint", "sh 'oops"));
    assertTrue(e.getMessage().startsWith("invalid --entrypoint \"sh 'oops\": a single quote is not closed"), e.getMessage());
  }
}
