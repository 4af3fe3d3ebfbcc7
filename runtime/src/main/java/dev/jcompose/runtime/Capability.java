package dev.jcompose.runtime;

import java.util.Collection;
import java.util.EnumSet;
import java.util.Set;

/** Linux capabilities, in kernel order (the ordinal is the capability number, capability(7)). */
public enum Capability {
  CHOWN, DAC_OVERRIDE, DAC_READ_SEARCH, FOWNER, FSETID, KILL, SETGID, SETUID, SETPCAP,
  LINUX_IMMUTABLE, NET_BIND_SERVICE, NET_BROADCAST, NET_ADMIN, NET_RAW, IPC_LOCK, IPC_OWNER,
  SYS_MODULE, SYS_RAWIO, SYS_CHROOT, SYS_PTRACE, SYS_PACCT, SYS_ADMIN, SYS_BOOT, SYS_NICE,
  SYS_RESOURCE, SYS_TIME, SYS_TTY_CONFIG, MKNOD, LEASE, AUDIT_WRITE, AUDIT_CONTROL, SETFCAP,
  MAC_OVERRIDE, MAC_ADMIN, SYSLOG, WAKE_ALARM, BLOCK_SUSPEND, AUDIT_READ, PERFMON, BPF,
  CHECKPOINT_RESTORE;

  /** The 14 capabilities Docker gives a container by default ({@code CapEff 00000000a80425fb} for root). */
  public static final Set<Capability> DOCKER_DEFAULTS = Set.copyOf(EnumSet.of(
      CHOWN, DAC_OVERRIDE, FSETID, FOWNER, MKNOD, NET_RAW, SETGID, SETUID, SETFCAP, SETPCAP,
      NET_BIND_SERVICE, SYS_CHROOT, KILL, AUDIT_WRITE));

  /** The capabilities of a mask as {@code /proc/PID/status} prints it; bits past the last known are ignored. */
  public static Set<Capability> fromMask(long mask) {
    EnumSet<Capability> caps = EnumSet.noneOf(Capability.class);
    for (Capability c : values()) {
      if ((mask & (1L << c.ordinal())) != 0) {
        caps.add(c);
      }
    }
    return caps;
  }

  /** The bit mask of {@code caps}, as {@code /proc/PID/status} prints it. */
  public static long mask(Collection<Capability> caps) {
    long mask = 0;
    for (Capability c : caps) {
      mask |= 1L << c.ordinal();
    }
    return mask;
  }
}
