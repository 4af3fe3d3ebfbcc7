package dev.jcompose.runtime;

import static dev.jcompose.runtime.Capability.BPF;
import static dev.jcompose.runtime.Capability.DAC_READ_SEARCH;
import static dev.jcompose.runtime.Capability.PERFMON;
import static dev.jcompose.runtime.Capability.SYSLOG;
import static dev.jcompose.runtime.Capability.SYS_ADMIN;
import static dev.jcompose.runtime.Capability.SYS_BOOT;
import static dev.jcompose.runtime.Capability.SYS_MODULE;
import static dev.jcompose.runtime.Capability.SYS_NICE;
import static dev.jcompose.runtime.Capability.SYS_PACCT;
import static dev.jcompose.runtime.Capability.SYS_PTRACE;
import static dev.jcompose.runtime.Capability.SYS_RAWIO;
import static dev.jcompose.runtime.Capability.SYS_TIME;
import static dev.jcompose.runtime.Capability.SYS_TTY_CONFIG;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;

/**
 * The default seccomp filter: the system calls Docker's default profile (moby
 * {@code profiles/seccomp/default.json}) refuses, as a deny list compiled to classic BPF for x86_64.
 * jc-helper loads it ({@code seccomp=HEX}) in the container's init and in every exec.
 *
 * <p>Denied calls fail with {@code EPERM}, as in Docker; {@code clone3} fails with {@code ENOSYS} so
 * that libc falls back to {@code clone}. A rule with capabilities applies only when the container has
 * none of them (Docker's "includes: caps"). Everything else is allowed, {@code ptrace} included
 * (Docker allows it on kernels from 4.8). System calls of another ABI (i386 via {@code int 0x80},
 * x32) are all refused: their numbers differ, so they would bypass the list; 32-bit programs do not
 * run in a default container. Privileged containers get no filter.
 *
 * <p>Not (yet) as Docker: {@code personality} is not restricted to its harmless arguments, and
 * calls Docker denies by omission from its allow list (rather than by name) are allowed.
 */
final class SeccompFilter {
  /** A denied system call: its x86_64 number, and the capabilities that lift the rule (none: always denied). */
  record Rule(String name, int number, Set<Capability> unlessAnyOf) {
    Rule(String name, int number, Capability... unlessAnyOf) {
      this(name, number, Set.of(unlessAnyOf));
    }
  }

  static final List<Rule> DENIED = List.of(
      // the kernel keyring is not namespaced
      new Rule("add_key", 248), new Rule("request_key", 249), new Rule("keyctl", 250),
      // replacing the kernel, and kernel modules
      new Rule("kexec_load", 246), new Rule("kexec_file_load", 320),
      new Rule("create_module", 174, SYS_MODULE), new Rule("init_module", 175, SYS_MODULE),
      new Rule("finit_module", 313, SYS_MODULE), new Rule("delete_module", 176, SYS_MODULE),
      new Rule("get_kernel_syms", 177, SYS_MODULE), new Rule("query_module", 178, SYS_MODULE),
      // obsolete or host-wide
      new Rule("uselib", 134), new Rule("ustat", 136), new Rule("sysfs", 139), new Rule("_sysctl", 156),
      new Rule("nfsservctl", 180), new Rule("userfaultfd", 323),
      new Rule("io_uring_setup", 425), new Rule("io_uring_enter", 426), new Rule("io_uring_register", 427),
      // hardware and the host's clock, swap, accounting, log and console
      new Rule("iopl", 172, SYS_RAWIO), new Rule("ioperm", 173, SYS_RAWIO),
      new Rule("reboot", 169, SYS_BOOT), new Rule("acct", 163, SYS_PACCT),
      new Rule("settimeofday", 164, SYS_TIME), new Rule("clock_settime", 227, SYS_TIME),
      new Rule("clock_adjtime", 305, SYS_TIME),
      new Rule("syslog", 103, SYSLOG), new Rule("vhangup", 153, SYS_TTY_CONFIG),
      new Rule("open_by_handle_at", 304, DAC_READ_SEARCH),
      new Rule("mbind", 237, SYS_NICE), new Rule("set_mempolicy", 238, SYS_NICE), new Rule("move_pages", 279, SYS_NICE),
      new Rule("kcmp", 312, SYS_PTRACE), new Rule("pidfd_getfd", 438, SYS_PTRACE),
      // mounts and namespaces (clone with CLONE_NEW* flags: see compile)
      new Rule("mount", 165, SYS_ADMIN), new Rule("umount2", 166, SYS_ADMIN), new Rule("pivot_root", 155, SYS_ADMIN),
      new Rule("swapon", 167, SYS_ADMIN), new Rule("swapoff", 168, SYS_ADMIN),
      new Rule("unshare", 272, SYS_ADMIN), new Rule("setns", 308, SYS_ADMIN),
      new Rule("open_tree", 428, SYS_ADMIN), new Rule("move_mount", 429, SYS_ADMIN), new Rule("fsopen", 430, SYS_ADMIN),
      new Rule("fsconfig", 431, SYS_ADMIN), new Rule("fsmount", 432, SYS_ADMIN), new Rule("fspick", 433, SYS_ADMIN),
      new Rule("mount_setattr", 442, SYS_ADMIN),
      new Rule("quotactl", 179, SYS_ADMIN), new Rule("lookup_dcookie", 212, SYS_ADMIN),
      new Rule("fanotify_init", 300, SYS_ADMIN),
      new Rule("bpf", 321, SYS_ADMIN, BPF), new Rule("perf_event_open", 298, SYS_ADMIN, PERFMON));

  static final int CLONE = 56;
  static final int CLONE3 = 435;
  /** CLONE_NEWNS, NEWCGROUP, NEWUTS, NEWIPC, NEWUSER, NEWPID, NEWNET: refused in clone() without CAP_SYS_ADMIN. */
  static final int CLONE_NEW_FLAGS = 0x7E020000;

  static final int AUDIT_ARCH_X86_64 = 0xC000003E;
  static final int X32_SYSCALL_BIT = 0x40000000;
  static final int EPERM = 1;
  static final int ENOSYS = 38;

  // classic BPF (linux/filter.h, linux/seccomp.h)
  private static final int LD_W_ABS = 0x20; // BPF_LD | BPF_W | BPF_ABS
  private static final int JEQ_K = 0x15;    // BPF_JMP | BPF_JEQ | BPF_K
  private static final int JGE_K = 0x35;    // BPF_JMP | BPF_JGE | BPF_K
  private static final int JSET_K = 0x45;   // BPF_JMP | BPF_JSET | BPF_K
  private static final int RET_K = 0x06;    // BPF_RET | BPF_K
  private static final int RET_ALLOW = 0x7fff0000;
  private static final int RET_ERRNO = 0x00050000;
  // offsets in struct seccomp_data
  private static final int NR = 0;
  private static final int ARCH = 4;
  private static final int ARG0_LOW = 16; // little-endian: the low 32 bits of args[0]

  private SeccompFilter() {}

  /** The filter for a container with {@code capabilities}, as jc-helper's {@code seccomp=} value. */
  static String hex(Set<Capability> capabilities) {
    return HexFormat.of().formatHex(compile(capabilities));
  }

  /** struct sock_filter[] in the x86_64 (little-endian) layout: u16 code, u8 jt, u8 jf, u32 k. */
  static byte[] compile(Set<Capability> capabilities) {
    Program p = new Program();
    p.add(LD_W_ABS, 0, 0, ARCH);
    p.add(JEQ_K, 1, 0, AUDIT_ARCH_X86_64);
    p.add(RET_K, 0, 0, RET_ERRNO | EPERM);
    p.add(LD_W_ABS, 0, 0, NR);
    p.add(JGE_K, Program.DENY, 0, X32_SYSCALL_BIT);
    for (Rule r : DENIED) {
      if (r.unlessAnyOf().stream().noneMatch(capabilities::contains)) {
        p.add(JEQ_K, Program.DENY, 0, r.number());
      }
    }
    if (!capabilities.contains(SYS_ADMIN)) {
      p.add(JEQ_K, 0, 1, CLONE3);
      p.add(RET_K, 0, 0, RET_ERRNO | ENOSYS);
      p.add(JEQ_K, 0, Program.ALLOW, CLONE);
      p.add(LD_W_ABS, 0, 0, ARG0_LOW);
      p.add(JSET_K, Program.DENY, Program.ALLOW, CLONE_NEW_FLAGS);
    }
    return p.assemble();
  }

  /** Instructions with jumps to the two final returns, resolved to relative offsets by assemble(). */
  private static final class Program {
    static final int ALLOW = -1;
    static final int DENY = -2;
    private final List<int[]> insns = new ArrayList<>();

    void add(int code, int jt, int jf, int k) {
      insns.add(new int[] {code, jt, jf, k});
    }

    byte[] assemble() {
      int allow = insns.size();
      add(RET_K, 0, 0, RET_ALLOW);
      add(RET_K, 0, 0, RET_ERRNO | EPERM);
      ByteBuffer out = ByteBuffer.allocate(insns.size() * 8).order(ByteOrder.LITTLE_ENDIAN);
      for (int i = 0; i < insns.size(); i++) {
        int[] in = insns.get(i);
        out.putShort((short) in[0]).put(offset(in[1], i, allow)).put(offset(in[2], i, allow)).putInt(in[3]);
      }
      return out.array();
    }

    private static byte offset(int jump, int from, int allow) {
      int target = jump == ALLOW ? allow : jump == DENY ? allow + 1 : from + 1 + jump;
      int off = target - from - 1;
      if (off < 0 || off > 255) {
        throw new IllegalStateException("seccomp filter: jump from " + from + " to " + target + " does not fit in 8 bits");
      }
      return (byte) off;
    }
  }
}
