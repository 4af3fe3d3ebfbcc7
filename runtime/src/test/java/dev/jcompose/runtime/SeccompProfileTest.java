package dev.jcompose.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Set;
import org.junit.jupiter.api.Test;

class SeccompProfileTest {
  static final int ALLOW = 0x7fff0000;
  static final int ERRNO = 0x00050000;
  static final int ARCH = SeccompFilter.AUDIT_ARCH_X86_64;

  static int run(byte[] program, int arch, int nr, long... args) {
    return BpfInterpreter.run(program, arch, nr, args);
  }

  static byte[] compile(String json, Capability... caps) {
    return SeccompProfile.compile(json, Set.of(caps), "6.1.0-13-amd64");
  }

  @Test
  void allowList_withDefaultErrno() {
    byte[] p = compile("""
        {"defaultAction":"SCMP_ACT_ERRNO","defaultErrnoRet":38,"syscalls":[{"names":["read","write","unknown_call"],"action":"SCMP_ACT_ALLOW"}]}""");
    assertEquals(ALLOW, run(p, ARCH, 0));
    assertEquals(ALLOW, run(p, ARCH, 1));
    assertEquals(ERRNO | 38, run(p, ARCH, 83), "mkdir is off the list");
    assertEquals(ERRNO | 1, run(p, 0x40000003, 0), "i386 is refused");
    assertEquals(ERRNO | 1, run(p, ARCH, 0x40000000), "x32 is refused");
  }

  @Test
  void argumentConditions_on64Bits() {
    byte[] p = compile("""
        {"defaultAction":"SCMP_ACT_ALLOW","syscalls":[
          {"names":["personality"],"action":"SCMP_ACT_ERRNO","args":[{"index":0,"value":8,"op":"SCMP_CMP_NE"}]},
          {"names":["kill"],"action":"SCMP_ACT_ERRNO","errnoRet":13,"args":[{"index":1,"value":4294967306,"op":"SCMP_CMP_EQ"}]},
          {"names":["clone"],"action":"SCMP_ACT_ERRNO","args":[{"index":0,"value":2114060288,"valueTwo":0,"op":"SCMP_CMP_MASKED_EQ"}]},
          {"names":["dup2"],"action":"SCMP_ACT_ERRNO","args":[{"index":0,"value":4294967296,"op":"SCMP_CMP_GE"}]},
          {"names":["dup"],"action":"SCMP_ACT_ERRNO","args":[{"index":0,"value":3,"op":"SCMP_CMP_LT"}]},
          {"names":["close"],"action":"SCMP_ACT_ERRNO","args":[{"index":0,"value":5,"op":"SCMP_CMP_GT"},{"index":0,"value":9,"op":"SCMP_CMP_LE"}]}
        ]}""");
    assertEquals(ALLOW, run(p, ARCH, 135, 8), "personality(8) is the one allowed");
    assertEquals(ERRNO | 1, run(p, ARCH, 135, 0));
    assertEquals(ERRNO | 1, run(p, ARCH, 135, 8L | 1L << 32), "the high word counts");
    assertEquals(ERRNO | 13, run(p, ARCH, 62, 1, 0x1_0000_000AL));
    assertEquals(ALLOW, run(p, ARCH, 62, 1, 10));
    assertEquals(ERRNO | 1, run(p, ARCH, 56, 0x11), "clone without CLONE_NEW* flags is refused");
    assertEquals(ALLOW, run(p, ARCH, 56, 0x10000000));
    assertEquals(ERRNO | 1, run(p, ARCH, 33, 1L << 32));
    assertEquals(ALLOW, run(p, ARCH, 33, 0xffffffffL));
    assertEquals(ERRNO | 1, run(p, ARCH, 32, 2));
    assertEquals(ALLOW, run(p, ARCH, 32, 3));
    assertEquals(ALLOW, run(p, ARCH, 32, 1L << 32), "LT on 64 bits");
    assertEquals(ALLOW, run(p, ARCH, 3, 5));
    assertEquals(ERRNO | 1, run(p, ARCH, 3, 6), "both conditions hold");
    assertEquals(ERRNO | 1, run(p, ARCH, 3, 9));
    assertEquals(ALLOW, run(p, ARCH, 3, 10));
    assertEquals(ALLOW, run(p, ARCH, 0), "other calls: the default");
  }

  @Test
  void includesAndExcludes_byCapsArchesAndKernel() {
    String json = """
        {"defaultAction":"SCMP_ACT_ERRNO","syscalls":[
          {"names":["mount"],"action":"SCMP_ACT_ALLOW","includes":{"caps":["CAP_SYS_ADMIN"]}},
          {"names":["ptrace"],"action":"SCMP_ACT_ALLOW","includes":{"minKernel":"4.8"}},
          {"names":["pidfd_open"],"action":"SCMP_ACT_ALLOW","includes":{"minKernel":"7.0"}},
          {"names":["read"],"action":"SCMP_ACT_ALLOW","excludes":{"caps":["CAP_SYS_ADMIN"]}},
          {"names":["write"],"action":"SCMP_ACT_ALLOW","includes":{"arches":["arm64"]}},
          {"names":["open"],"action":"SCMP_ACT_ALLOW","includes":{"arches":["amd64"]}}
        ]}""";
    byte[] plain = compile(json);
    byte[] admin = compile(json, Capability.SYS_ADMIN);
    assertEquals(ERRNO | 1, run(plain, ARCH, 165));
    assertEquals(ALLOW, run(admin, ARCH, 165));
    assertEquals(ALLOW, run(plain, ARCH, 101));
    assertEquals(ERRNO | 1, run(plain, ARCH, 434), "needs a newer kernel");
    assertEquals(ALLOW, run(plain, ARCH, 0));
    assertEquals(ERRNO | 1, run(admin, ARCH, 0));
    assertEquals(ERRNO | 1, run(plain, ARCH, 1));
    assertEquals(ALLOW, run(plain, ARCH, 2));
  }

  @Test
  void errors_sayWhatIsWrong() {
    assertTrue(assertThrows(IllegalArgumentException.class, () -> compile("{nope"))
        .getMessage().startsWith("the seccomp profile is not valid JSON"));
    assertEquals("seccomp profile: syscalls[0].action: unknown action \"SCMP_ACT_MAYBE\" (use SCMP_ACT_ALLOW, SCMP_ACT_ERRNO,"
        + " SCMP_ACT_KILL, SCMP_ACT_KILL_PROCESS, SCMP_ACT_TRAP, SCMP_ACT_TRACE or SCMP_ACT_LOG)",
        assertThrows(IllegalArgumentException.class, () -> compile("""
            {"defaultAction":"SCMP_ACT_ALLOW","syscalls":[{"names":["read"],"action":"SCMP_ACT_MAYBE"}]}""")).getMessage());
    assertTrue(assertThrows(IllegalArgumentException.class, () -> compile("""
        {"defaultAction":"SCMP_ACT_ALLOW","architectures":["SCMP_ARCH_AARCH64"],"syscalls":[]}""")).getMessage()
        .contains("not SCMP_ARCH_X86_64"));
    assertTrue(assertThrows(IllegalArgumentException.class, () -> compile("""
        {"defaultAction":"SCMP_ACT_NOTIFY","syscalls":[]}""")).getMessage().contains("seccomp agent"));
  }

  @Test
  void syscallTable_hasTheNumbersOfX86_64() {
    assertEquals(0, SeccompProfile.syscallNumber("read"));
    assertEquals(435, SeccompProfile.syscallNumber("clone3"));
    assertEquals(452, SeccompProfile.syscallNumber("fchmodat2"));
    for (SeccompFilter.Rule r : SeccompFilter.DENIED) {
      assertEquals(r.number(), SeccompProfile.syscallNumber(r.name()), r.name());
    }
  }
}
