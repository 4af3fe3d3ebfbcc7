package dev.jcompose.engine.containers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jcompose.api.model.DeviceMapping;
import dev.jcompose.api.model.HostConfig;
import dev.jcompose.engine.http.ApiException;
import java.util.List;
import org.junit.jupiter.api.Test;

class SecurityOptsTest {
  @Test
  void seccomp_unconfinedBuiltinOrAProfile() {
    assertNull(SecurityOpts.of(null).seccomp());
    assertEquals("unconfined", SecurityOpts.of(List.of("seccomp=unconfined")).seccomp());
    assertEquals("unconfined", SecurityOpts.of(List.of("seccomp:unconfined")).seccomp());
    assertNull(SecurityOpts.of(List.of("seccomp=builtin")).seccomp());
    assertEquals("{\"defaultAction\":\"SCMP_ACT_ALLOW\"}", SecurityOpts.of(List.of("seccomp={\"defaultAction\":\"SCMP_ACT_ALLOW\"}")).seccomp());
  }

  @Test
  void othersAreWarnedOrRefused() {
    assertEquals(2, SecurityOpts.of(List.of("no-new-privileges", "label=disable")).warnings().size());
    assertTrue(assertThrows(ApiException.class, () -> SecurityOpts.of(List.of("nonsense=1"))).getMessage()
        .startsWith("invalid --security-opt: \"nonsense=1\""));
  }

  private static HostConfig hc() {
    return HostConfig.empty().withMoreResources(null, null, null, null);
  }

  @Test
  void checkAtCreate_dockersResourceRules_andWarnings() {
    HostConfig swapOnly = hc().withMoreResources(null, null, null, 1L << 30);
    assertTrue(assertThrows(ApiException.class, () -> ContainerLauncher.checkAtCreate(swapOnly, true)).getMessage()
        .startsWith("You should always set the Memory limit when using Memoryswap limit"));
    HostConfig limited = new HostConfig(null, null, null, null, null, 64L << 20, null, null, null, null, null, null, null, null, null,
        null, null, null, null);
    assertTrue(assertThrows(ApiException.class, () -> ContainerLauncher.checkAtCreate(limited.withMoreResources(null, null, 128L << 20, null),
        true)).getMessage().startsWith("Minimum memory limit can not be less than memory reservation limit"));
    assertEquals(List.of(), ContainerLauncher.checkAtCreate(limited.withMoreResources("0-1", null, 32L << 20, -1L), true));
    List<String> w = ContainerLauncher.checkAtCreate(limited.withMoreResources(null, null, null, -1L), false);
    assertEquals(1, w.size());
    assertTrue(w.get(0).startsWith("Your kernel does not support swap limit capabilities or the cgroup is not mounted."), w.get(0));
    assertTrue(assertThrows(ApiException.class, () -> ContainerLauncher.checkAtCreate(hc().withMoreResources("0,x", null, null, null), true))
        .getMessage().contains("is not a list of numbers and ranges"));
    assertTrue(assertThrows(ApiException.class, () -> ContainerLauncher.checkAtCreate(hc().withDevicesLoggingAndSecurity(
        List.of(new DeviceMapping("/dev/null", "/etc/x", "rwm")), null, null), true)).getMessage().contains("must be below /dev"));
    assertTrue(assertThrows(ApiException.class, () -> ContainerLauncher.checkAtCreate(hc().withDevicesLoggingAndSecurity(
        null, null, List.of("seccomp={\"defaultAction\":\"SCMP_ACT_NOPE\"}")), true)).getMessage()
        .startsWith("invalid security_opt seccomp profile: seccomp profile: defaultAction: unknown action"));
  }
}
