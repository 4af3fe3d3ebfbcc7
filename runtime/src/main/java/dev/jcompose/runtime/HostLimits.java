package dev.jcompose.runtime;

import dev.jcompose.runtime.helper.HelperRlimit;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Says so before a container starts when its ulimits ask for more than the engine may give:
 * raising a hard limit above one's own needs CAP_SYS_RESOURCE, which engines in containers
 * (and these machines) often lack. Without the check the helper would fail with a bare EPERM.
 */
final class HostLimits {
  private static final int CAP_SYS_RESOURCE = 24;

  private HostLimits() {}

  static void check(ContainerSpec spec) {
    List<Ulimit> ulimits = spec.runtimeOptions().ulimits();
    if (ulimits.isEmpty()) {
      return;
    }
    List<HelperRlimit> own;
    boolean canRaise;
    try {
      own = ProcLimits.parse(Files.readString(Path.of("/proc/self/limits")));
      canRaise = Files.readAllLines(Path.of("/proc/self/status")).stream().filter(l -> l.startsWith("CapEff:"))
          .map(l -> (Long.parseUnsignedLong(l.substring(7).trim(), 16) >>> CAP_SYS_RESOURCE & 1) == 1).findFirst().orElse(false);
    } catch (IOException | RuntimeException e) {
      return; // unknown: the helper reports what setrlimit says
    }
    check(spec.id(), ulimits, own, canRaise);
  }

  /** @throws IllegalArgumentException naming the first ulimit whose hard limit is above {@code own}'s, when {@code canRaise} is false */
  static void check(String id, List<Ulimit> ulimits, List<HelperRlimit> own, boolean canRaise) {
    if (canRaise) {
      return;
    }
    for (Ulimit u : ulimits) {
      for (HelperRlimit o : own) {
        if (o.resource() == u.resource() && o.hard() >= 0 && (u.hard() < 0 || u.hard() > o.hard())) {
          throw new IllegalArgumentException("container " + id + ": ulimit " + u.name() + " hard limit " + Ulimit.show(u.hard())
              + " is above the engine's own hard limit " + o.hard() + ", which it cannot raise without CAP_SYS_RESOURCE;"
              + " ask for at most " + o.hard());
        }
      }
    }
  }
}
