package dev.jcompose.runtime;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/** Runs a seccomp filter (classic BPF, x86_64 layout) on one struct seccomp_data, as the kernel would: the action it returns. */
final class BpfInterpreter {
  private BpfInterpreter() {}

  static int run(byte[] program, int arch, int nr, long... args) {
    ByteBuffer data = ByteBuffer.allocate(64).order(ByteOrder.LITTLE_ENDIAN);
    data.putInt(0, nr).putInt(4, arch);
    for (int i = 0; i < args.length; i++) {
      data.putLong(16 + 8 * i, args[i]);
    }
    ByteBuffer p = ByteBuffer.wrap(program).order(ByteOrder.LITTLE_ENDIAN);
    int a = 0;
    for (int pc = 0; ; pc++) {
      int code = p.getShort(pc * 8) & 0xffff;
      int jt = p.get(pc * 8 + 2) & 0xff;
      int jf = p.get(pc * 8 + 3) & 0xff;
      int k = p.getInt(pc * 8 + 4);
      switch (code) {
        case 0x20 -> a = data.getInt(k);   // ld [k]
        case 0x54 -> a &= k;               // and #k
        case 0x06 -> {                     // ret #k
          return k;
        }
        case 0x15 -> pc += a == k ? jt : jf;                                // jeq
        case 0x25 -> pc += Integer.compareUnsigned(a, k) > 0 ? jt : jf;     // jgt
        case 0x35 -> pc += Integer.compareUnsigned(a, k) >= 0 ? jt : jf;    // jge
        case 0x45 -> pc += (a & k) != 0 ? jt : jf;                          // jset
        default -> throw new AssertionError("unexpected BPF opcode " + code + " at " + pc);
      }
    }
  }
}
