package dev.jcompose.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

class SeccompFilterTest {
  static final Path UNISTD_64 = Path.of("/usr/include/x86_64-linux-gnu/asm/unistd_64.h");

  @Test
  void syscallNumbers_agreeWithTheKernelHeader() throws IOException {
    Assumptions.assumeTrue(Files.exists(UNISTD_64), "needs " + UNISTD_64 + " (linux-libc-dev)");
    Map<String, Integer> numbers = new HashMap<>();
    Matcher m = Pattern.compile("#define __NR_(\\w+) (\\d+)").matcher(Files.readString(UNISTD_64));
    while (m.find()) {
      numbers.put(m.group(1), Integer.parseInt(m.group(2)));
    }
    for (SeccompFilter.Rule r : SeccompFilter.DENIED) {
      assertEquals(numbers.get(r.name()), r.number(), r.name());
    }
    assertEquals(numbers.get("clone"), SeccompFilter.CLONE);
    assertEquals(numbers.get("clone3"), SeccompFilter.CLONE3);
  }

  static int run(byte[] filter, int arch, int nr, long arg0) {
    return BpfInterpreter.run(filter, arch, nr, arg0);
  }

  static final int ALLOW = 0x7fff0000;
  static final int EPERM = 0x00050001;
  static final int ENOSYS = 0x00050026;
  static final int X86_64 = 0xC000003E;

  @Test
  void defaults_denyTheListWithEperm_andAllowTheRest() {
    byte[] f = SeccompFilter.compile(Capability.DOCKER_DEFAULTS);
    for (SeccompFilter.Rule r : SeccompFilter.DENIED) {
      assertEquals(EPERM, run(f, X86_64, r.number(), 0), r.name());
    }
    for (int allowed : new int[] {0 /* read */, 59 /* execve */, 101 /* ptrace */, 105 /* setuid */, 126 /* capset */}) {
      assertEquals(ALLOW, run(f, X86_64, allowed, 0), "syscall " + allowed);
    }
  }

  @Test
  void clone_isDeniedOnlyWithNamespaceFlags_andClone3IsEnosys() {
    byte[] f = SeccompFilter.compile(Capability.DOCKER_DEFAULTS);
    assertEquals(ALLOW, run(f, X86_64, 56, 0x01200011L), "fork's clone flags");
    assertEquals(EPERM, run(f, X86_64, 56, 0x10000000L | 17), "CLONE_NEWUSER");
    assertEquals(EPERM, run(f, X86_64, 56, 0x20000L), "CLONE_NEWNS");
    assertEquals(ENOSYS, run(f, X86_64, 435, 0));
  }

  @Test
  void otherAbis_areDenied() {
    byte[] f = SeccompFilter.compile(Capability.DOCKER_DEFAULTS);
    assertEquals(EPERM, run(f, 0x40000003 /* AUDIT_ARCH_I386 */, 20 /* i386 getpid */, 0));
    assertEquals(EPERM, run(f, X86_64, 0x40000000 | 39, 0), "x32 getpid");
  }

  @Test
  void capabilities_liftTheirRules_only() {
    Set<Capability> caps = EnumSet.copyOf(Capability.DOCKER_DEFAULTS);
    caps.add(Capability.SYS_ADMIN);
    byte[] f = SeccompFilter.compile(caps);
    assertEquals(ALLOW, run(f, X86_64, 165, 0), "mount");
    assertEquals(ALLOW, run(f, X86_64, 272, 0), "unshare");
    assertEquals(ALLOW, run(f, X86_64, 56, 0x10000000L | 17), "clone(CLONE_NEWUSER)");
    assertEquals(ALLOW, run(f, X86_64, 435, 0), "clone3");
    assertEquals(ALLOW, run(f, X86_64, 321, 0), "bpf: SYS_ADMIN or BPF");
    assertEquals(EPERM, run(f, X86_64, 250, 0), "keyctl stays denied");
    assertEquals(EPERM, run(f, X86_64, 175, 0), "init_module needs SYS_MODULE");
  }

  @Test
  void hex_isTheLittleEndianSockFilterArray() {
    String hex = SeccompFilter.hex(Capability.DOCKER_DEFAULTS);
    assertTrue(hex.startsWith("2000000004000000"), "ld [4]: code 0x0020, jt 0, jf 0, k 4: " + hex.substring(0, 16));
    assertEquals(0, hex.length() % 16);
    assertTrue(hex.endsWith("060000000000ff7f" + "0600000001000500"), "ret ALLOW, ret ERRNO(EPERM)");
    assertEquals(hex.length() / 2, HexFormat.of().parseHex(hex).length);
  }
}
