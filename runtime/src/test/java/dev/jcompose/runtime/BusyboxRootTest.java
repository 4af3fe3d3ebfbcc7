package dev.jcompose.runtime;

import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.io.TempDir;

/**
 * The fixture of a root test class: a busybox-static rootfs and a runtime in a temporary state root
 * for the class, and a {@link RootTestSupport} per test that cleans up every container even when the test fails.
 */
@Tag("root")
abstract class BusyboxRootTest {
  @TempDir static Path shared;
  static Path rootfs;
  static ContainerRuntime runtime;

  RootTestSupport containers;

  @BeforeAll
  static void busyboxAndRuntime() throws Exception {
    RootTestSupport.assumeRootAndBusybox();
    rootfs = RootTestSupport.makeBusyboxRootfs(shared.resolve("rootfs"));
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
}
