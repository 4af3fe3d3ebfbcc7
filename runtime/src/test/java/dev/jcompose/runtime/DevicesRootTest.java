package dev.jcompose.runtime;

import static dev.jcompose.runtime.RootTestSupport.output;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/** {@code devices:}: the node is made in the container's /dev and the devices cgroup lets the container use it, as root. */
class DevicesRootTest extends BusyboxRootTest {
  static ContainerSpec withDevices(ContainerSpec spec, Device... devices) {
    return spec.withRuntimeOptions(RuntimeOptions.DEFAULT.withDevices(List.of(devices)));
  }

  @Test
  void nullUnderAnotherName_isACharacterDeviceTheContainerWritesTo() throws Exception {
    ContainerSpec spec = withDevices(containers.shell("stat -c '%F %t:%T %a' /dev/sub/mynull; echo hi > /dev/sub/mynull && echo write-ok"),
        Device.parse("/dev/null:/dev/sub/mynull:rwm"));
    assertEquals(0, containers.run(spec).exitCode(), output(spec));
    assertEquals("character special file 1:3 666\nwrite-ok\n", output(spec));
  }

  /** /dev/fuse (10:229) is not among Docker's default devices: made by hand it cannot be opened; given, it can. */
  @Test
  void fuse_isUsableOnlyWhenGiven() throws Exception {
    Assumptions.assumeTrue(Files.exists(Path.of("/dev/fuse")), "needs /dev/fuse on the host");
    Assumptions.assumeTrue(runtime.cgroups().locate("x").dirFor("devices").isPresent()
        && !runtime.cgroups().locate("x").dirs().get(0).controllers().isEmpty(), "the v1 devices cgroup (v2 has no device rules yet)");
    String script = "[ -e /dev/fuse ] || mknod /dev/fuse c 10 229; (exec 3<>/dev/fuse) 2>&1 && echo open-ok || echo open-refused";
    ContainerSpec without = containers.shell(script);
    assertEquals(0, containers.run(without).exitCode(), output(without));
    assertTrue(output(without).contains("open-refused") && output(without).contains("Operation not permitted"),
        "the devices cgroup refuses a node it was not told about: " + output(without));
    ContainerSpec with = withDevices(containers.shell("stat -c '%F %t:%T' /dev/fuse; " + script), Device.parse("/dev/fuse"));
    assertEquals(0, containers.run(with).exitCode(), output(with));
    assertEquals("character special file a:e5\nopen-ok\n", output(with));
  }

  @Test
  void readOnlyPermission_refusesOpeningForWrite() throws Exception {
    Assumptions.assumeTrue(Files.exists(Path.of("/dev/fuse")), "needs /dev/fuse on the host");
    Assumptions.assumeTrue(!runtime.cgroups().locate("x").dirs().get(0).controllers().isEmpty(), "the v1 devices cgroup");
    ContainerSpec spec = withDevices(containers.shell("(exec 3</dev/myfuse) && echo read-ok; (exec 3>/dev/myfuse) 2>&1 || echo write-refused"),
        Device.parse("/dev/fuse:/dev/myfuse:r"));
    assertEquals(0, containers.run(spec).exitCode(), output(spec));
    String out = output(spec);
    assertTrue(out.startsWith("read-ok\n") && out.contains("Operation not permitted") && out.contains("write-refused"), out);
  }

  @Test
  void aMissingHostDevice_saysSoBeforeAnythingStarts() {
    ContainerSpec spec = withDevices(containers.shell("true"), Device.parse("/dev/no-such-device-here"));
    IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class, () -> containers.prepare(spec));
    assertEquals("error gathering device information while adding device \"/dev/no-such-device-here\": no such file or directory"
        + " (is the device present on the engine's host?)", e.getMessage());
  }
}
