package dev.jcompose.linux.proc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class ProcStatusTest {
  static final String SAMPLE = """
      Name:\tsh
      Umask:\t0022
      State:\tS (sleeping)
      Pid:\t4242
      Uid:\t0\t0\t0\t0
      CapInh:\t0000000000000000
      CapPrm:\t00000000a80425fb
      CapEff:\t00000000a80425fb
      CapBnd:\t00000000a80425fb
      CapAmb:\t0000000000000000
      Seccomp:\t2
      """;

  @Test
  void parse_readsCapabilityMasks() {
    ProcStatus s = ProcStatus.parse(4242, SAMPLE);
    assertEquals(0xa80425fbL, s.boundingCapabilities());
    assertEquals(0xa80425fbL, s.effectiveCapabilities());
    assertEquals(Optional.of("sh"), s.field("Name"));
    assertEquals(Optional.of("0\t0\t0\t0"), s.field("Uid"));
  }

  @Test
  void parse_fullMask_isUnsigned() {
    ProcStatus s = ProcStatus.parse(1, "CapBnd:\tffffffffffffffff\n");
    assertEquals(-1L, s.boundingCapabilities());
  }

  @Test
  void missingField_saysWhichFileAndField() {
    IllegalStateException e = assertThrows(IllegalStateException.class, () -> ProcStatus.parse(7, "Name:\tx\n").boundingCapabilities());
    assertEquals("/proc/7/status has no CapBnd line; is /proc a Linux procfs?", e.getMessage());
  }

  @Test
  void read_ownProcess_hasAName_andNoProcessIsEmpty() throws Exception {
    assertTrue(ProcStatus.read(ProcessHandle.current().pid()).orElseThrow().field("Name").isPresent());
    assertEquals(Optional.empty(), ProcStatus.read(Integer.MAX_VALUE + 1L));
  }
}
