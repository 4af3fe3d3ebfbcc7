package dev.jcompose.runtime.oci;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jcompose.runtime.Capability;
import dev.jcompose.runtime.ContainerSpec;
import dev.jcompose.runtime.MountSpec;
import dev.jcompose.runtime.NamespaceJoin;
import dev.jcompose.runtime.SecurityOptions;
import dev.jcompose.runtime.Ulimit;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OciTranslatorTest {
  @TempDir
  Path bundle;
  Path state;

  /** `runc spec` of runc 1.1.5, as printed on this machine. */
  static String runcDefault() throws IOException {
    try (InputStream in = OciTranslatorTest.class.getResourceAsStream("runc-spec-config.json")) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  /** runc's default with terminal off, as one edits it to run a command without a TTY. */
  static String runcDefaultNoTerminal() throws IOException {
    return runcDefault().replace("\"terminal\": true", "\"terminal\": false");
  }

  @BeforeEach
  void rootfs() throws IOException {
    Files.createDirectories(bundle.resolve("rootfs"));
    state = bundle.resolve("state");
  }

  ContainerSpec translate(String json) {
    return OciTranslator.translate(OciSpec.parse(json, bundle.resolve("config.json").toString()), bundle, "c1", state).spec();
  }

  @Test
  void runcDefaultSpecIsRefusedForItsTerminal() throws IOException {
    OciSpecException e = assertThrows(OciSpecException.class, () -> translate(runcDefault()));
    assertTrue(e.getMessage().startsWith(bundle.resolve("config.json") + ": process.terminal is true"), e.getMessage());
    assertTrue(e.getMessage().contains("set \"terminal\": false"), e.getMessage());
  }

  @Test
  void runcDefaultSpecWithoutTerminal() throws IOException {
    OciTranslator.Result r = OciTranslator.translate(OciSpec.parse(runcDefaultNoTerminal(), "config.json"), bundle, "c1", state);
    ContainerSpec s = r.spec();
    assertEquals("c1", s.id());
    assertEquals("runc", s.hostname());
    assertEquals(List.of(bundle.resolve("rootfs")), s.lowerDirs());
    assertEquals(state, s.stateDir());
    assertEquals(List.of("sh"), s.args());
    assertEquals(List.of("PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin", "TERM=xterm"), s.env());
    assertEquals("/", s.workingDir());
    assertEquals(0, s.uid());
    assertEquals(0, s.gid());
    assertTrue(s.newNetwork(), "a network entry without a path is a new netns");
    assertEquals(List.of(), s.sharedNamespaces(), "pid and ipc are new namespaces");
    assertTrue(s.runtimeOptions().readonlyRootfs());
    assertEquals(64L * 1024 * 1024, s.runtimeOptions().shmSize());
    assertEquals(List.of(new Ulimit("nofile", 1024, 1024)), s.runtimeOptions().ulimits());
    assertEquals(List.of(), s.mounts(), "runc's default mounts are the ones jc-helper makes itself");
    assertEquals(Set.of(Capability.AUDIT_WRITE, Capability.KILL, Capability.NET_BIND_SERVICE), s.security().capabilities());
    assertEquals(SecurityOptions.UNCONFINED, s.security().seccomp(), "no linux.seccomp: no filter, as runc");
    assertFalse(s.init());
    assertTrue(r.warnings().stream().anyMatch(w -> w.startsWith("process.noNewPrivileges")), r.warnings().toString());
  }

  @Test
  void resourcesUserMountsAndNamespaces() throws IOException {
    Files.createDirectories(bundle.resolve("data"));
    ContainerSpec s = translate("""
        {"ociVersion": "1.0.2", "unknownTop": {"x": 1},
         "process": {"user": {"uid": 1000, "gid": 100, "additionalGids": [5, 6]}, "args": ["id"], "cwd": "/srv",
                     "capabilities": {"bounding": ["CAP_CHOWN"]}},
         "root": {"path": "rootfs"},
         "mounts": [{"destination": "/data", "type": "bind", "source": "data", "options": ["rbind", "ro"]},
                    {"destination": "/scratch", "type": "tmpfs", "source": "tmpfs", "options": ["size=1m", "nosuid"]}],
         "linux": {"namespaces": [{"type": "mount"}, {"type": "uts"}, {"type": "pid"}],
                   "resources": {"memory": {"limit": 67108864}, "pids": {"limit": 20},
                                 "cpu": {"shares": 512, "quota": 50000, "period": 100000}}}}
        """);
    assertEquals(1000, s.uid());
    assertEquals(100, s.gid());
    assertEquals(List.of(5, 6), s.runtimeOptions().additionalGids());
    assertEquals("/srv", s.workingDir());
    assertFalse(s.newNetwork(), "no network entry: the host's");
    assertEquals(List.of(NamespaceJoin.host("ipc")), s.sharedNamespaces());
    assertEquals(List.of(MountSpec.bind(bundle.resolve("data").toString(), "/data", true),
        MountSpec.tmpfs("/scratch", List.of("size=1m", "nosuid"))), s.mounts());
    assertEquals(67108864, s.resources().memoryBytes());
    assertEquals(20, s.resources().pidsLimit());
    assertEquals(512, s.resources().cpuShares());
    assertEquals(50000, s.resources().cpuQuotaMicros());
    assertEquals(100000, s.resources().cpuPeriodMicros());
    assertEquals(Set.of(Capability.CHOWN), s.security().capabilities());
    assertFalse(s.runtimeOptions().readonlyRootfs());
  }

  @Test
  void networkNamespaceWithAPathIsJoined() {
    ContainerSpec s = translate(minimal("\"namespaces\": [{\"type\": \"mount\"}, {\"type\": \"uts\"}, {\"type\": \"pid\"}, "
        + "{\"type\": \"ipc\"}, {\"type\": \"network\", \"path\": \"/proc/1/ns/net\"}]"));
    assertFalse(s.newNetwork());
    assertEquals(List.of(new NamespaceJoin("net", Path.of("/proc/1/ns/net"))), s.sharedNamespaces());
  }

  static String minimal(String linux) {
    return "{\"ociVersion\": \"1.0.2\", \"process\": {\"args\": [\"true\"], \"cwd\": \"/\"}, \"root\": {\"path\": \"rootfs\"},"
        + " \"linux\": {" + linux + "}}";
  }

  String refused(String json) {
    return assertThrows(OciSpecException.class, () -> translate(json)).getMessage();
  }

  @Test
  void refusals() {
    String ns = "\"namespaces\": [{\"type\": \"mount\"}, {\"type\": \"uts\"}";
    assertTrue(refused(minimal(ns + ", {\"type\": \"user\"}]")).contains("linux.namespaces[2] asks for a user namespace"));
    assertTrue(refused(minimal(ns + "], \"uidMappings\": [{\"containerID\": 0, \"hostID\": 1000, \"size\": 1}]"))
        .contains("linux.uidMappings is set, but user namespaces are not supported"));
    assertTrue(refused(minimal("\"namespaces\": [{\"type\": \"mount\"}]")).contains("has no \"uts\" entry"));
    assertTrue(refused(minimal(ns + ", {\"type\": \"bogus\"}]")).contains("linux.namespaces[2].type is \"bogus\""));
    assertTrue(refused(minimal(ns + "], \"resources\": {\"memory\": {\"limit\": -5}}"))
        .contains("linux.resources.memory.limit is -5"));
    assertTrue(refused(minimal(ns + "]").replace("\"rootfs\"", "\"nosuch\"")).contains("root.path is \"nosuch\""));
    assertTrue(refused(minimal(ns + "]").replace("[\"true\"]", "[]")).contains("process.args is empty"));
    assertTrue(refused(minimal(ns + "]").replace("\"1.0.2\"", "\"0.9\"")).contains("ociVersion is \"0.9\""));
    String mount = minimal(ns + "]").replace("\"linux\"", "\"mounts\": [{\"destination\": \"/x\", \"type\": \"nfs\"}], \"linux\"");
    assertTrue(refused(mount).contains("mounts[0].type is \"nfs\" at /x, which is not supported"));
  }

  @Test
  void parseErrorsNameTheFieldAndFile() {
    OciSpecException e = assertThrows(OciSpecException.class,
        () -> OciSpec.parse("{\"ociVersion\": \"1.0.2\", \"process\": {\"args\": \"sh\"}}", "/b/config.json"));
    assertTrue(e.getMessage().startsWith("/b/config.json: field process.args has the wrong type"), e.getMessage());
    e = assertThrows(OciSpecException.class, () -> OciSpec.parse("{\"ociVersion\": ", "/b/config.json"));
    assertTrue(e.getMessage().startsWith("/b/config.json: is not valid JSON at line 1"), e.getMessage());
    e = assertThrows(OciSpecException.class, () -> OciSpec.read(Path.of("/nonexistent-bundle")));
    assertTrue(e.getMessage().startsWith("/nonexistent-bundle/config.json: no such file"), e.getMessage());
  }

  @Test
  void seccompProfileIsPassedOn() {
    ContainerSpec s = translate(minimal("\"namespaces\": [{\"type\": \"mount\"}, {\"type\": \"uts\"}], "
        + "\"seccomp\": {\"defaultAction\": \"SCMP_ACT_ALLOW\", \"syscalls\": [{\"names\": [\"mkdir\"], \"action\": \"SCMP_ACT_ERRNO\"}]}"));
    assertTrue(s.security().seccomp().contains("SCMP_ACT_ALLOW"), s.security().seccomp());
  }
}
