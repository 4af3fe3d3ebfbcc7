package dev.jcompose.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jcompose.runtime.helper.HelperMount;
import dev.jcompose.runtime.helper.HelperSpec;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class HelperSpecsTest {
  private static final Path STATE = Path.of("/var/lib/jcompose/containers/0123456789abcdef");
  private final ContainerSpec base = ContainerSpec.of("0123456789abcdef", List.of(Path.of("/img/l2"), Path.of("/img/l1")), STATE, List.of("sh"));

  @Test
  void of_placesOverlayLogAndExitInTheStateDir() {
    HelperSpec h = HelperSpecs.of(base, ContainerFiles.of(STATE));
    assertEquals(List.of(Path.of("/img/l2"), Path.of("/img/l1")), h.lowerDirs());
    assertEquals(STATE.resolve("upper"), h.upperDir());
    assertEquals(STATE.resolve("work"), h.workDir());
    assertEquals(STATE.resolve("merged"), h.mergedDir());
    assertEquals(STATE.resolve("container-json.log"), h.logFile());
    assertEquals(STATE.resolve("exit.json"), h.exitFile());
  }

  @Test
  void of_appliesDockerDefaults() {
    HelperSpec h = HelperSpecs.of(base, ContainerFiles.of(STATE));
    assertEquals("0123456789ab", h.hostname());
    assertEquals(List.of("PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"), h.env());
    assertEquals(0xa80425fbL, h.capabilities());
    assertTrue(h.maskedPaths().contains("/proc/kcore"));
    assertTrue(h.readonlyPaths().contains("/proc/sys"));
  }

  @Test
  void of_privileged_hasEveryCapability_andNoMaskedOrReadonlyPaths() {
    HelperSpec h = HelperSpecs.of(base.withSecurity(new SecurityOptions(List.of(), List.of(), true)), ContainerFiles.of(STATE));
    assertEquals(Capability.mask(java.util.EnumSet.allOf(Capability.class)), h.capabilities());
    assertEquals(List.of(), h.maskedPaths());
    assertEquals(List.of(), h.readonlyPaths());
  }

  @Test
  void of_default_hasTheDefaultSeccompFilterForItsCapabilities_andNoInit() {
    HelperSpec h = HelperSpecs.of(base, ContainerFiles.of(STATE));
    assertEquals(SeccompFilter.hex(Capability.DOCKER_DEFAULTS), h.seccompFilter());
    assertEquals(false, h.init());
    SecurityOptions sysAdmin = new SecurityOptions(List.of("SYS_ADMIN"), List.of(), false);
    assertEquals(SeccompFilter.hex(sysAdmin.capabilities()), HelperSpecs.of(base.withSecurity(sysAdmin), ContainerFiles.of(STATE)).seccompFilter());
  }

  @Test
  void of_privileged_runsWithoutSeccomp() {
    HelperSpec h = HelperSpecs.of(base.withSecurity(new SecurityOptions(List.of(), List.of(), true)), ContainerFiles.of(STATE));
    assertEquals("", h.seccompFilter());
  }

  @Test
  void of_init_isCarried() {
    assertTrue(HelperSpecs.of(base.withInit(true), ContainerFiles.of(STATE)).init());
  }

  @Test
  void of_capAddAndDrop_changeTheMask() {
    HelperSpec h = HelperSpecs.of(base.withSecurity(new SecurityOptions(List.of("NET_ADMIN"), List.of("CAP_CHOWN"), false)),
        ContainerFiles.of(STATE));
    assertEquals((0xa80425fbL | 1L << 12) & ~1L, h.capabilities());
  }

  @Test
  void of_unknownCapability_namesTheContainer() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> HelperSpecs.of(
        base.withSecurity(new SecurityOptions(List.of("FLY"), List.of(), false)), ContainerFiles.of(STATE)));
    assertTrue(e.getMessage().startsWith("container " + base.id() + ": cap_add: unknown capability \"FLY\""), e.getMessage());
  }

  @Test
  void of_keepsTheContainersOwnPath() {
    HelperSpec h = HelperSpecs.of(base.withEnv(List.of("PATH=/opt/bin", "A=1")), ContainerFiles.of(STATE));
    assertEquals(List.of("PATH=/opt/bin", "A=1"), h.env());
  }

  @Test
  void of_translatesMounts() {
    HelperSpec h = HelperSpecs.of(base.withMounts(List.of(
        MountSpec.bind("/srv/conf", "/etc/app", true),
        new MountSpec(MountSpec.Kind.BIND, "/srv/data", "/data", false, List.of("nosuid")),
        MountSpec.tmpfs("/run", List.of("size=1m", "mode=755")))), ContainerFiles.of(STATE));
    assertEquals(List.of(
        new HelperMount("bind", "/srv/conf", "/etc/app", "ro"),
        new HelperMount("bind", "/srv/data", "/data", "nosuid"),
        new HelperMount("tmpfs", "tmpfs", "/run", "size=1m,mode=755")), h.mounts());
  }

  @Test
  void of_layerPathWithColon_isRejected() {
    ContainerSpec s = ContainerSpec.of("a", List.of(Path.of("/img/a:b")), STATE, List.of("sh"));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> HelperSpecs.of(s, ContainerFiles.of(STATE)));
    assertTrue(e.getMessage().startsWith("container a: /img/a:b contains ',', ':' or '\\'"), e.getMessage());
  }
}
