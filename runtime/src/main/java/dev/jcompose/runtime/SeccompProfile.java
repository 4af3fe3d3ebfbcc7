package dev.jcompose.runtime;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Compiles a Docker seccomp profile ({@code security_opt: seccomp=profile.json}, the format of moby's
 * {@code profiles/seccomp/default.json}) to classic BPF for x86_64, as runc does through libseccomp:
 * {@code defaultAction} (+ {@code defaultErrnoRet}), and {@code syscalls} rules in order, each with
 * {@code names} (or {@code name}), an {@code action} (+ {@code errnoRet}), {@code args} conditions
 * (all must hold: {@code SCMP_CMP_EQ}, {@code NE}, {@code LT}, {@code LE}, {@code GT}, {@code GE},
 * {@code MASKED_EQ} on the 64-bit argument) and {@code includes}/{@code excludes} by {@code caps}
 * (all of them / any of them), {@code arches} and {@code minKernel}. The first rule that matches a
 * call decides. Names this architecture does not have are skipped, as libseccomp skips them.
 * Calls of another ABI (i386, x32) are refused with EPERM whatever the profile says, as by the
 * default filter. Actions: ALLOW, ERRNO, KILL (KILL_THREAD), KILL_PROCESS, TRAP, TRACE, LOG;
 * NOTIFY (a seccomp agent) is refused.
 */
final class SeccompProfile {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Map<String, Integer> SYSCALLS = loadSyscalls();
  private static final int MAX_INSNS = 4096; // BPF_MAXINSNS

  // classic BPF (linux/filter.h)
  private static final int LD_W_ABS = 0x20;
  private static final int JEQ_K = 0x15;
  private static final int JGT_K = 0x25;
  private static final int JGE_K = 0x35;
  private static final int AND_K = 0x54;
  private static final int RET_K = 0x06;
  // struct seccomp_data: nr, arch, instruction_pointer, args[6] (little-endian: low word first)
  private static final int NR = 0;
  private static final int ARCH = 4;
  private static final int ARGS = 16;

  private SeccompProfile() {}

  /** The filter for {@code profileJson}, as jc-helper's {@code seccomp=} value. */
  static String hex(String profileJson, Set<Capability> capabilities, String kernelRelease) {
    return HexFormat.of().formatHex(compile(profileJson, capabilities, kernelRelease));
  }

  /**
   * @param kernelRelease {@code uname -r} ({@code 6.18.0-1-amd64}), for {@code minKernel}
   * @throws IllegalArgumentException naming what in the profile is wrong
   */
  static byte[] compile(String profileJson, Set<Capability> capabilities, String kernelRelease) {
    JsonNode root;
    try {
      root = JSON.readTree(profileJson);
    } catch (IOException e) {
      throw new IllegalArgumentException("the seccomp profile is not valid JSON: " + e.getMessage(), e);
    }
    if (root == null || !root.isObject()) {
      throw new IllegalArgumentException("the seccomp profile must be a JSON object with defaultAction and syscalls");
    }
    checkArchitectures(root);
    if (root.hasNonNull("listenerPath")) {
      throw new IllegalArgumentException("seccomp profile: listenerPath (SCMP_ACT_NOTIFY, a seccomp agent) is not supported");
    }
    int defaultAction = action(root.path("defaultAction").asText(""), root.path("defaultErrnoRet"), "defaultAction");
    Asm a = new Asm();
    Asm.Label x8664 = a.label();
    a.ld(ARCH);
    a.jump(JEQ_K, SeccompFilter.AUDIT_ARCH_X86_64, x8664, null);
    a.ret(0x00050000 | SeccompFilter.EPERM);
    a.bind(x8664);
    a.ld(NR);
    Asm.Label native64 = a.label();
    a.jump(JGE_K, SeccompFilter.X32_SYSCALL_BIT, null, native64);
    a.ret(0x00050000 | SeccompFilter.EPERM);
    a.bind(native64);
    JsonNode rules = root.path("syscalls");
    for (int i = 0; i < rules.size(); i++) {
      JsonNode rule = rules.get(i);
      String where = "syscalls[" + i + "]";
      if (!applies(rule.path("includes"), rule.path("excludes"), capabilities, kernelRelease)) {
        continue;
      }
      int action = action(rule.path("action").asText(""), rule.path("errnoRet"), where + ".action");
      List<String> names = new ArrayList<>();
      rule.path("names").forEach(n -> names.add(n.asText()));
      if (rule.hasNonNull("name")) {
        names.add(rule.get("name").asText());
      }
      for (String name : names) {
        Integer nr = SYSCALLS.get(name);
        if (nr == null) {
          continue; // not a system call of x86_64 (or newer than this table): libseccomp skips it too
        }
        Asm.Label end = a.label();
        a.jump(JEQ_K, nr, null, end);
        JsonNode args = rule.path("args");
        for (int j = 0; j < args.size(); j++) {
          condition(a, args.get(j), end, where + ".args[" + j + "]");
        }
        a.ret(action);
        a.bind(end);
        if (args.size() > 0) {
          a.ld(NR); // the conditions loaded arguments into A
        }
      }
    }
    a.ret(defaultAction);
    byte[] program = a.assemble();
    if (program.length / 8 > MAX_INSNS) {
      throw new IllegalArgumentException("the seccomp profile compiles to " + program.length / 8 + " BPF instructions, more than"
          + " the kernel's " + MAX_INSNS + ": merge rules with the same action");
    }
    return program;
  }

  private static void checkArchitectures(JsonNode root) {
    List<String> arches = new ArrayList<>();
    root.path("architectures").forEach(n -> arches.add(n.asText()));
    root.path("archMap").forEach(m -> arches.add(m.path("architecture").asText()));
    if (!arches.isEmpty() && !arches.contains("SCMP_ARCH_X86_64") && !arches.contains("SCMP_ARCH_NATIVE")) {
      throw new IllegalArgumentException("the seccomp profile covers " + arches + " but not SCMP_ARCH_X86_64, the engine's"
          + " architecture: add it to architectures (or archMap)");
    }
  }

  /** Docker's includes/excludes: caps (all included ones present; no excluded one), arches, minKernel. */
  private static boolean applies(JsonNode includes, JsonNode excludes, Set<Capability> caps, String kernelRelease) {
    for (JsonNode c : includes.path("caps")) {
      if (!hasCap(caps, c.asText())) {
        return false;
      }
    }
    for (JsonNode c : excludes.path("caps")) {
      if (hasCap(caps, c.asText())) {
        return false;
      }
    }
    if (includes.path("arches").size() > 0 && !anyIsX86_64(includes.path("arches"))) {
      return false;
    }
    if (anyIsX86_64(excludes.path("arches"))) {
      return false;
    }
    if (includes.hasNonNull("minKernel") && compareKernel(kernelRelease, includes.get("minKernel").asText()) < 0) {
      return false;
    }
    return !(excludes.hasNonNull("minKernel") && compareKernel(kernelRelease, excludes.get("minKernel").asText()) >= 0);
  }

  private static boolean anyIsX86_64(JsonNode arches) {
    for (JsonNode a : arches) {
      if (Set.of("amd64", "x86_64", "SCMP_ARCH_X86_64").contains(a.asText())) {
        return true;
      }
    }
    return false;
  }

  private static boolean hasCap(Set<Capability> caps, String name) {
    String n = name.toUpperCase(Locale.ROOT).replaceFirst("^CAP_", "");
    return caps.stream().anyMatch(c -> c.name().equals(n));
  }

  /** Compares "6.18.0-1-amd64" with "4.8" by major and minor. */
  static int compareKernel(String release, String min) {
    int[] r = majorMinor(release);
    int[] m = majorMinor(min);
    return r[0] != m[0] ? Integer.compare(r[0], m[0]) : Integer.compare(r[1], m[1]);
  }

  private static int[] majorMinor(String v) {
    String[] parts = v.split("[.-]");
    try {
      return new int[] {Integer.parseInt(parts[0]), parts.length > 1 ? Integer.parseInt(parts[1]) : 0};
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("seccomp profile: \"" + v + "\" is not a kernel version such as 4.8");
    }
  }

  /** The SECCOMP_RET_* value of an action; errno for ERRNO (EPERM when not given) and TRACE. */
  static int action(String name, JsonNode errnoRet, String where) {
    int errno = errnoRet.isNumber() ? errnoRet.asInt() & 0xffff : SeccompFilter.EPERM;
    return switch (name) {
      case "SCMP_ACT_ALLOW" -> 0x7fff0000;
      case "SCMP_ACT_ERRNO" -> 0x00050000 | errno;
      case "SCMP_ACT_KILL", "SCMP_ACT_KILL_THREAD" -> 0x00000000;
      case "SCMP_ACT_KILL_PROCESS" -> 0x80000000;
      case "SCMP_ACT_TRAP" -> 0x00030000;
      case "SCMP_ACT_TRACE" -> 0x7ff00000 | (errnoRet.isNumber() ? errno : 0);
      case "SCMP_ACT_LOG" -> 0x7ffc0000;
      case "SCMP_ACT_NOTIFY" -> throw new IllegalArgumentException("seccomp profile: " + where
          + ": SCMP_ACT_NOTIFY needs a seccomp agent, which the jcompose runtime does not have; use SCMP_ACT_ERRNO or ALLOW");
      default -> throw new IllegalArgumentException("seccomp profile: " + where + ": unknown action \"" + name
          + "\" (use SCMP_ACT_ALLOW, SCMP_ACT_ERRNO, SCMP_ACT_KILL, SCMP_ACT_KILL_PROCESS, SCMP_ACT_TRAP, SCMP_ACT_TRACE or SCMP_ACT_LOG)");
    };
  }

  /** One argument condition on 64 bits (high word, then low word); falls through when it holds, jumps to {@code fail} when not. */
  private static void condition(Asm a, JsonNode arg, Asm.Label fail, String where) {
    int index = arg.path("index").asInt(-1);
    if (index < 0 || index > 5) {
      throw new IllegalArgumentException("seccomp profile: " + where + ": index must be 0..5, the system call's argument");
    }
    long value = arg.path("value").asLong();
    long valueTwo = arg.path("valueTwo").asLong();
    int lo = ARGS + 8 * index;
    int hi = lo + 4;
    int vh = (int) (value >>> 32);
    int vl = (int) value;
    Asm.Label pass = a.label();
    switch (arg.path("op").asText("")) {
      case "SCMP_CMP_EQ" -> {
        a.ld(hi);
        a.jump(JEQ_K, vh, null, fail);
        a.ld(lo);
        a.jump(JEQ_K, vl, null, fail);
      }
      case "SCMP_CMP_NE" -> {
        a.ld(hi);
        a.jump(JEQ_K, vh, null, pass);
        a.ld(lo);
        a.jump(JEQ_K, vl, fail, null);
      }
      case "SCMP_CMP_MASKED_EQ" -> {
        a.ld(hi);
        a.alu(AND_K, vh);
        a.jump(JEQ_K, (int) (valueTwo >>> 32), null, fail);
        a.ld(lo);
        a.alu(AND_K, vl);
        a.jump(JEQ_K, (int) valueTwo, null, fail);
      }
      case "SCMP_CMP_GT", "SCMP_CMP_GE" -> {
        a.ld(hi);
        a.jump(JGT_K, vh, pass, null);
        a.jump(JEQ_K, vh, null, fail);
        a.ld(lo);
        a.jump(arg.path("op").asText().equals("SCMP_CMP_GT") ? JGT_K : JGE_K, vl, null, fail);
      }
      case "SCMP_CMP_LT", "SCMP_CMP_LE" -> {
        a.ld(hi);
        a.jump(JGE_K, vh, null, pass);
        a.jump(JGT_K, vh, fail, null);
        a.ld(lo);
        a.jump(arg.path("op").asText().equals("SCMP_CMP_LT") ? JGE_K : JGT_K, vl, fail, null);
      }
      default -> throw new IllegalArgumentException("seccomp profile: " + where + ": unknown op \"" + arg.path("op").asText()
          + "\" (use SCMP_CMP_EQ, NE, LT, LE, GT, GE or MASKED_EQ)");
    }
    a.bind(pass);
  }

  private static Map<String, Integer> loadSyscalls() {
    Map<String, Integer> out = new TreeMap<>();
    try (InputStream in = SeccompProfile.class.getResourceAsStream("syscalls-x86_64.txt")) {
      if (in == null) {
        throw new IllegalStateException("syscalls-x86_64.txt is missing from the runtime jar");
      }
      BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
      for (String line = r.readLine(); line != null; line = r.readLine()) {
        String[] f = line.trim().split("\\s+");
        if (f.length == 2 && !line.startsWith("#")) {
          out.put(f[0], Integer.parseInt(f[1]));
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return Map.copyOf(out);
  }

  static Integer syscallNumber(String name) {
    return SYSCALLS.get(name);
  }

  /** A forward-jump assembler: a jump target is a label bound later; null means the next instruction. */
  private static final class Asm {
    static final class Label {
      int at = -1;
    }

    private record Insn(int code, Label jt, Label jf, int k) {}

    private final List<Insn> insns = new ArrayList<>();

    Label label() {
      return new Label();
    }

    void bind(Label l) {
      l.at = insns.size();
    }

    void ld(int offset) {
      insns.add(new Insn(LD_W_ABS, null, null, offset));
    }

    void alu(int code, int k) {
      insns.add(new Insn(code, null, null, k));
    }

    void jump(int code, int k, Label jt, Label jf) {
      insns.add(new Insn(code, jt, jf, k));
    }

    void ret(int value) {
      insns.add(new Insn(RET_K, null, null, value));
    }

    byte[] assemble() {
      ByteBuffer out = ByteBuffer.allocate(insns.size() * 8).order(ByteOrder.LITTLE_ENDIAN);
      for (int i = 0; i < insns.size(); i++) {
        Insn in = insns.get(i);
        out.putShort((short) in.code()).put(offset(in.jt(), i)).put(offset(in.jf(), i)).putInt(in.k());
      }
      return out.array();
    }

    private static byte offset(Label target, int from) {
      if (target == null) {
        return 0;
      }
      int off = target.at - from - 1;
      if (target.at < 0 || off < 0 || off > 255) {
        throw new IllegalStateException("seccomp profile: a jump from instruction " + from + " to " + target.at
            + " does not fit in 8 bits");
      }
      return (byte) off;
    }
  }
}
