package dev.jcompose.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class CapabilitiesTest {

  @Test
  void nothingAsked_isDockersDefault() {
    assertEquals(Capability.DOCKER_DEFAULTS, Capabilities.resolve(List.of(), List.of(), false));
  }

  @Test
  void addAndDrop_acceptBothSpellings_inAnyCase() {
    Set<Capability> caps = Capabilities.resolve(List.of("net_admin", "CAP_SYS_TIME"), List.of("CAP_CHOWN", "mknod"), false);
    Set<Capability> expected = EnumSet.copyOf(Capability.DOCKER_DEFAULTS);
    expected.addAll(List.of(Capability.NET_ADMIN, Capability.SYS_TIME));
    expected.removeAll(List.of(Capability.CHOWN, Capability.MKNOD));
    assertEquals(expected, caps);
  }

  @Test
  void dropAll_keepsOnlyTheAdded() {
    assertEquals(Set.of(Capability.NET_BIND_SERVICE), Capabilities.resolve(List.of("NET_BIND_SERVICE"), List.of("ALL"), false));
    assertEquals(Set.of(), Capabilities.resolve(List.of(), List.of("all"), false));
  }

  @Test
  void addAll_isEverythingButTheDropped() {
    Set<Capability> caps = Capabilities.resolve(List.of("ALL"), List.of("SYS_ADMIN"), false);
    assertEquals(Capability.values().length - 1, caps.size());
    assertTrue(!caps.contains(Capability.SYS_ADMIN));
  }

  @Test
  void privileged_isEverything_whateverIsDropped() {
    assertEquals(EnumSet.allOf(Capability.class), Capabilities.resolve(List.of(), List.of("ALL"), true));
  }

  @Test
  void unknownName_saysWhichFieldAndWhatIsKnown() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> Capabilities.resolve(List.of(), List.of("CAP_FLY"), false));
    assertTrue(e.getMessage().startsWith("cap_drop: unknown capability \"CAP_FLY\"; known are ALL and [CHOWN, DAC_OVERRIDE,"), e.getMessage());
    assertTrue(e.getMessage().endsWith("CHECKPOINT_RESTORE] (with or without the CAP_ prefix)"), e.getMessage());
  }
}
