package dev.jcompose.runtime;

import static dev.jcompose.runtime.RootTestSupport.output;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * runc CVE-2019-5736: the helper a container can reach through /proc/PID/exe (jc-init as PID 1, with
 * SYS_PTRACE so that its exe link is not hidden) is a sealed memfd copy; writing to it fails from
 * inside, and the host's binary stays as it was. As root.
 */
class SealedHelperRootTest extends BusyboxRootTest {
  private static byte[] sha256(Path file) throws Exception {
    return MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file));
  }

  @Test
  void initsExe_isASealedCopy_thatTheContainerCannotWrite() throws Exception {
    byte[] before = sha256(runtime.helperBinary());
    ContainerSpec spec = containers.shell("readlink /proc/1/exe; "
            + "(echo pwned > /proc/1/exe) 2>&1 || echo write-exe-refused; "
            + "exec 3</proc/1/exe && (echo pwned >> /proc/self/fd/3) 2>&1 || echo write-fd-refused; "
            + "(printf pwned | dd of=/proc/1/exe conv=notrunc 2>&1) || echo dd-refused")
        .withInit(true)
        .withSecurity(new SecurityOptions(List.of("SYS_PTRACE"), List.of(), false));
    assertEquals(0, containers.run(spec).exitCode(), output(spec));
    String out = output(spec);
    assertTrue(out.startsWith("/memfd:jc-helper"), "PID 1 runs from the memfd copy, not " + runtime.helperBinary() + ":\n" + out);
    assertTrue(out.contains("write-exe-refused") && out.contains("write-fd-refused") && out.contains("dd-refused"), out);
    assertArrayEquals(before, sha256(runtime.helperBinary()), "the host's helper binary is unchanged");
  }

  @Test
  void anExecsHelper_isTheSealedCopyToo_andTheMonitorOutside() throws Exception {
    ContainerSpec spec = containers.command("sleep", "1000");
    RunningContainer c = containers.start(spec);
    String monitorExe = Files.readSymbolicLink(Path.of("/proc/" + c.monitorPid() + "/exe")).toString();
    assertTrue(monitorExe.startsWith("/memfd:jc-helper"), "the monitor runs from the sealed copy: " + monitorExe);
    ExecOutput out = ExecOutput.of(runtime.exec(spec.id(), spec.stateDir(), c.pid(), ExecSpec.of(List.of("true"))));
    assertEquals("", out.stderr());
    runtime.kill(c.pid(), 9);
    c.exited().get(10, TimeUnit.SECONDS);
    containers.cleanupAndCheck(spec, c);
  }
}
