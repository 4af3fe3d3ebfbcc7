package dev.jcompose.runtime;

import static dev.jcompose.runtime.RootTestSupport.output;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jcompose.linux.HostCommand;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The default seccomp filter, seen from inside the container: a static probe program
 * ({@code syscall-probe.c}, built here with {@code cc -static}) makes the calls and prints their errno.
 */
class SeccompRootTest extends BusyboxRootTest {
  static final String PROBES = "keyctl add_key unshare-user unshare-mount clone-newuser clone3 x32 fork mount";

  @BeforeAll
  static void seccompSetUp() throws Exception {
    Assumptions.assumeTrue("amd64".equals(System.getProperty("os.arch")), "the default filter is for x86_64");
    Path source = shared.resolve("syscall-probe.c");
    try (InputStream in = SeccompRootTest.class.getResourceAsStream("syscall-probe.c")) {
      Files.copy(in, source);
    }
    HostCommand.run(List.of("cc", "-static", "-O2", "-Wall", "-Werror", "-o", rootfs.resolve("bin/probe").toString(), source.toString()));
    Files.createDirectories(rootfs.resolve("mnt"));
  }

  String probe(SecurityOptions security) throws Exception {
    ContainerSpec spec = containers.shell("grep '^Seccomp:' /proc/self/status; probe " + PROBES).withSecurity(security);
    assertEquals(0, containers.run(spec).exitCode(), output(spec));
    return output(spec);
  }

  @Test
  void defaultContainer_isRefusedKeyringsNamespacesMountsAndOtherAbis() throws Exception {
    assertEquals("""
        Seccomp:\t2
        keyctl=EPERM
        add_key=EPERM
        unshare-user=EPERM
        unshare-mount=EPERM
        clone-newuser=EPERM
        clone3=ENOSYS
        x32=EPERM
        fork=OK
        mount=EPERM
        """, probe(SecurityOptions.DEFAULT));
  }

  @Test
  void sysAdmin_liftsTheNamespaceAndMountRules_butNotTheKeyring() throws Exception {
    String out = probe(new SecurityOptions(List.of("SYS_ADMIN"), List.of(), false));
    assertTrue(out.contains("Seccomp:\t2\nkeyctl=EPERM\nadd_key=EPERM\nunshare-user=OK\nunshare-mount=OK\nclone-newuser=OK\n"), out);
    assertTrue(out.contains("clone3=EINVAL\n"), "clone3 reaches the kernel, which rejects a size of 0: " + out);
    assertTrue(out.contains("mount=OK\n"), out);
  }

  @Test
  void privileged_runsUnconfined() throws Exception {
    String out = probe(new SecurityOptions(List.of(), List.of(), true));
    assertTrue(out.startsWith("Seccomp:\t0\n"), out);
    assertTrue(out.contains("unshare-user=OK\n") && out.contains("clone3=EINVAL\n") && out.contains("x32=ENOSYS\n"), out);
    assertTrue(!out.contains("keyctl=EPERM") && !out.contains("add_key=EPERM"), out);
  }

  @Test
  void exec_getsTheContainersFilter() throws Exception {
    ContainerSpec spec = containers.command("sleep", "1000");
    RunningContainer c = containers.start(spec);
    ExecOutput out = ExecOutput.of(runtime.exec(spec.id(), spec.stateDir(), c.pid(),
        ExecSpec.of(List.of("sh", "-c", "grep '^Seccomp:' /proc/self/status; probe keyctl unshare-user"))));
    assertEquals("Seccomp:\t2\nkeyctl=EPERM\nunshare-user=EPERM\n", out.stdout(), out.stderr());
    runtime.kill(c.pid(), 9);
    c.exited().get(10, TimeUnit.SECONDS);
    containers.cleanupAndCheck(spec, c);
  }

  @Test
  void privilegedExec_staysUnconfined() throws Exception {
    ContainerSpec spec = containers.command("sleep", "1000").withSecurity(new SecurityOptions(List.of(), List.of(), true));
    RunningContainer c = containers.start(spec);
    ExecOutput out = ExecOutput.of(runtime.exec(spec.id(), spec.stateDir(), c.pid(),
        ExecSpec.of(List.of("sh", "-c", "grep '^Seccomp:' /proc/self/status; probe unshare-user"))));
    assertEquals("Seccomp:\t0\nunshare-user=OK\n", out.stdout(), out.stderr());
    runtime.kill(c.pid(), 9);
    c.exited().get(10, TimeUnit.SECONDS);
    containers.cleanupAndCheck(spec, c);
  }

  /** Allows everything but mkdir (EACCES) and kill with signal 10 (SIGUSR1, an argument condition). */
  static final String PROFILE = """
      {"defaultAction": "SCMP_ACT_ALLOW",
       "architectures": ["SCMP_ARCH_X86_64", "SCMP_ARCH_X86", "SCMP_ARCH_X32"],
       "syscalls": [
         {"names": ["mkdir", "mkdirat"], "action": "SCMP_ACT_ERRNO", "errnoRet": 13},
         {"names": ["kill"], "action": "SCMP_ACT_ERRNO", "args": [{"index": 1, "value": 10, "op": "SCMP_CMP_EQ"}]},
         {"names": ["no_such_call_here"], "action": "SCMP_ACT_ERRNO"}
       ]}
      """;

  @Test
  void unconfined_hasNoFilter() throws Exception {
    String out = probe(SecurityOptions.DEFAULT.withSeccomp(SecurityOptions.UNCONFINED));
    assertTrue(out.startsWith("Seccomp:\t0\n"), out);
    assertTrue(out.contains("keyctl=OK") && out.contains("x32=ENOSYS"), "no filter between the calls and the kernel: " + out);
  }

  @Test
  void profile_isWhatTheContainerAndItsExecsRunUnder() throws Exception {
    ContainerSpec spec = containers.shell("grep '^Seccomp:' /proc/self/status; mkdir /tmp/d 2>&1; echo mkdir=$?; "
        + "kill -0 $$ && echo kill0=ok; kill -10 $$ 2>&1; echo kill10=$?; sleep 1000")
        .withSecurity(SecurityOptions.DEFAULT.withSeccomp(PROFILE));
    RunningContainer c = containers.start(spec);
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (!output(spec).contains("kill10=") && System.nanoTime() < deadline) {
      Thread.sleep(20);
    }
    String out = output(spec);
    assertTrue(out.startsWith("Seccomp:\t2\n"), out);
    assertTrue(out.contains("Permission denied") && out.contains("mkdir=1"), "mkdir gets EACCES from the profile: " + out);
    assertTrue(out.contains("kill0=ok") && out.contains("kill10=1"), "kill with signal 10 only is refused (the shell lives on): " + out);
    ExecOutput exec = ExecOutput.of(runtime.exec(spec.id(), spec.stateDir(), c.pid(),
        ExecSpec.of(List.of("sh", "-c", "mkdir /tmp/e 2>&1; echo mkdir=$?; probe keyctl"))));
    assertTrue(exec.stdout().contains("mkdir=1") && exec.stdout().contains("keyctl=OK") || exec.stdout().contains("keyctl=E"),
        "exec runs under the profile, not the default filter: " + exec.stdout() + exec.stderr());
    assertTrue(!exec.stdout().contains("keyctl=EPERM"), "the default filter would refuse keyctl: " + exec.stdout());
    runtime.kill(c.pid(), 9);
    c.exited().get(10, TimeUnit.SECONDS);
    containers.cleanupAndCheck(spec, c);
  }

  @Test
  void podmansDefaultProfile_runsAContainer() throws Exception {
    Path profile = Path.of("/usr/share/containers/seccomp.json"); // containers-common: the format of moby's default.json
    Assumptions.assumeTrue(Files.isReadable(profile), "needs " + profile + " (apt-get install golang-github-containers-common)");
    String out = probe(SecurityOptions.DEFAULT.withSeccomp(Files.readString(profile)));
    assertTrue(out.startsWith("Seccomp:\t2\n"), out);
    // podman's profile allows keyctl and unshare; add_key is off its allow list: defaultAction ERRNO with defaultErrnoRet 38
    assertTrue(out.contains("keyctl=OK") && out.contains("add_key=ENOSYS") && out.contains("fork=OK") && out.contains("x32=EPERM"), out);
  }
}
