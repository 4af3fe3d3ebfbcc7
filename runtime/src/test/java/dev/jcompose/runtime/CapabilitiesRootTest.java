package dev.jcompose.runtime;

import static dev.jcompose.runtime.RootTestSupport.output;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.jcompose.linux.proc.ProcStatus;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import org.junit.jupiter.api.Test;

/** cap_add, cap_drop and privileged, checked from inside the container, as root. */
class CapabilitiesRootTest extends BusyboxRootTest {
  static final String SHOW = "grep -E '^Cap(Eff|Bnd)' /proc/self/status; ";

  String run(SecurityOptions security, String script) throws Exception {
    ContainerSpec spec = containers.shell(SHOW + script).withSecurity(security);
    containers.run(spec);
    return output(spec);
  }

  static String caps(long mask) {
    String hex = String.format("%016x", mask);
    return "CapEff:\t" + hex + "\nCapBnd:\t" + hex + "\n";
  }

  @Test
  void defaults_cannotCreateALink_norWriteSysrqTrigger() throws Exception {
    String out = run(SecurityOptions.DEFAULT, "ip addr add 10.9.9.9/32 dev lo 2>/dev/null && echo addr=yes || echo addr=no; "
        + "echo h 2>/dev/null > /proc/sysrq-trigger && echo sysrq=yes || echo sysrq=no");
    assertEquals(caps(0xa80425fbL) + "addr=no\nsysrq=no\n", out);
  }

  @Test
  void capAddNetAdmin_canCreateALinkInItsOwnNetwork() throws Exception {
    String out = run(new SecurityOptions(List.of("CAP_NET_ADMIN"), List.of(), false),
        "ip addr add 10.9.9.9/32 dev lo && echo addr=yes");
    assertEquals(caps(0xa80425fbL | 1L << Capability.NET_ADMIN.ordinal()) + "addr=yes\n", out);
  }

  @Test
  void capDropAll_evenRootCannotChown() throws Exception {
    String out = run(new SecurityOptions(List.of(), List.of("ALL"), false), "chown 1 /tmp 2>/dev/null && echo chown=yes || echo chown=no");
    assertEquals(caps(0) + "chown=no\n", out);
  }

  @Test
  void privileged_hasEveryCapabilityOfTheHost_andNoMaskedOrReadonlyPaths() throws Exception {
    String out = run(new SecurityOptions(List.of(), List.of(), true),
        "grep -cE ' /proc/(kcore|sysrq-trigger|sys|acpi) ' /proc/self/mountinfo");
    long hostCaps = ProcStatus.read(ProcessHandle.current().pid()).orElseThrow().boundingCapabilities(); // the most a container can get
    assertEquals(caps(Capability.mask(EnumSet.allOf(Capability.class)) & hostCaps) + "0\n", out);
  }

  @Test
  void exec_intoAContainerWithCapAdd_getsTheSameCapabilities() throws Exception {
    ContainerSpec spec = containers.command("sleep", "1000").withSecurity(new SecurityOptions(List.of("SYS_TIME"), List.of("KILL"), false));
    RunningContainer c = containers.start(spec);
    ExecOutput out = ExecOutput.of(runtime.exec(spec.id(), spec.stateDir(), c.pid(), ExecSpec.of(List.of("sh", "-c", SHOW))));
    long expected = (0xa80425fbL | 1L << Capability.SYS_TIME.ordinal()) & ~(1L << Capability.KILL.ordinal());
    assertEquals(caps(expected), out.stdout());
  }
}
