package dev.jcompose.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.jcompose.runtime.helper.HelperSpec;
import dev.jcompose.runtime.helper.HelperSpecFile;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class NamespaceJoinTest {
  private static final Path STATE = Path.of("/var/lib/jcompose/containers/0123456789abcdef");
  private final ContainerSpec base = ContainerSpec.of("0123456789abcdef", List.of(Path.of("/img/l1")), STATE, List.of("sh"));

  @Test
  void ofProcess_isTheInitsNamespaceFile() {
    assertEquals(Path.of("/proc/42/ns/net"), NamespaceJoin.ofProcess("net", 42).path());
  }

  @Test
  void unknownType_refused() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> NamespaceJoin.host("mnt"));
    assertEquals("namespace type \"mnt\" cannot be shared: only net, ipc and pid", e.getMessage());
  }

  @Test
  void joinedNetwork_needsNewNetworkFalse() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> base.withSharedNamespaces(List.of(NamespaceJoin.ofProcess("net", 42))));
    assertEquals("container 0123456789abcdef: joins a network namespace, so newNetwork must be false", e.getMessage());
  }

  @Test
  void helperSpec_sharensLines_pathOrHostsOwn() {
    ContainerSpec spec = base.withNewNetwork(false)
        .withSharedNamespaces(List.of(NamespaceJoin.ofProcess("net", 42), NamespaceJoin.host("ipc"), NamespaceJoin.ofProcess("pid", 42)));
    HelperSpec h = HelperSpecs.of(spec, ContainerFiles.of(STATE));
    assertEquals(List.of("net\t/proc/42/ns/net", "ipc", "pid\t/proc/42/ns/pid"), h.sharedNamespaces());
    String rendered = HelperSpecFile.render(h);
    assertEquals(List.of("netns=0"), rendered.lines().filter(l -> l.startsWith("netns=")).toList());
    assertEquals(List.of("sharens=net\t/proc/42/ns/net", "sharens=ipc", "sharens=pid\t/proc/42/ns/pid"),
        rendered.lines().filter(l -> l.startsWith("sharens=")).toList());
  }

  @Test
  void withers_keepTheJoins() {
    ContainerSpec spec = base.withNewNetwork(false).withSharedNamespaces(List.of(NamespaceJoin.ofProcess("net", 42)));
    assertEquals(spec.sharedNamespaces(), spec.withHostname("x").withEnv(List.of("A=1")).withInit(true).sharedNamespaces());
  }
}
