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
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The default seccomp filter, seen from inside the container: a static probe program
 * ({@code syscall-probe.c}, built here with {@code cc -static}) makes the calls and prints their errno.
 */
@Tag("root")
class SeccompRootTest {
  static final String PROBES = "keyctl add_key unshare-user unshare-mount clone-newuser clone3 x32 fork mount";

  @TempDir static Path shared;
  static Path rootfs;
  static ContainerRuntime runtime;

  RootTestSupport containers;

  @BeforeAll
  static void setUp() throws Exception {
    RootTestSupport.assumeRootAndBusybox();
    Assumptions.assumeTrue("amd64".equals(System.getProperty("os.arch")), "the default filter is for x86_64");
    rootfs = RootTestSupport.makeBusyboxRootfs(shared.resolve("rootfs"));
    Path source = shared.resolve("syscall-probe.c");
    try (InputStream in = SeccompRootTest.class.getResourceAsStream("syscall-probe.c")) {
      Files.copy(in, source);
    }
    HostCommand.run(List.of("cc", "-static", "-O2", "-Wall", "-Werror", "-o", rootfs.resolve("bin/probe").toString(), source.toString()));
    Files.createDirectories(rootfs.resolve("mnt"));
    runtime = new ContainerRuntime(shared.resolve("state"));
  }

  @BeforeEach
  void fixture() {
    containers = new RootTestSupport(runtime, shared.resolve("state"), rootfs);
  }

  @AfterEach
  void cleanUp() {
    containers.close();
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
}
