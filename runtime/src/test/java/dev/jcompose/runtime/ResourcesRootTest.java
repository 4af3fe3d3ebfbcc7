package dev.jcompose.runtime;

import static dev.jcompose.runtime.RootTestSupport.output;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jcompose.runtime.cgroup.ContainerCgroup;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** cpuset, memory reservation and swap limit, read from the container's cgroup files and from inside, as root. */
class ResourcesRootTest extends BusyboxRootTest {
  /** The CPU the engine may use last: a one-CPU cpuset that differs from the engine's own when it has two or more. */
  static String lastCpu() {
    String cpus = List.of("/proc/self/status").stream().map(Path::of).map(p -> {
      try {
        return Files.readAllLines(p).stream().filter(l -> l.startsWith("Cpus_allowed_list:")).findFirst().orElseThrow();
      } catch (java.io.IOException e) {
        throw new java.io.UncheckedIOException(e);
      }
    }).findFirst().orElseThrow().split(":")[1].strip();
    String last = cpus.substring(cpus.lastIndexOf(',') + 1);
    return last.substring(last.lastIndexOf('-') + 1);
  }

  @Test
  void cpusetReservationAndSwap_areInTheCgroup_andTheContainerRunsOnlyOnItsCpus() throws Exception {
    String cpu = lastCpu();
    Resources r = new Resources(64L << 20, 0, 0, 0, 0).withCpuset(cpu, "").withMemoryReservationAndSwap(32L << 20, 96L << 20);
    ContainerSpec spec = containers.shell("grep '^Cpus_allowed_list:' /proc/self/status; echo ready; sleep 1000").withResources(r);
    RunningContainer c = containers.start(spec);
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (!output(spec).contains("ready") && System.nanoTime() < deadline) {
      Thread.sleep(20);
    }
    assertEquals("Cpus_allowed_list:\t" + cpu + "\nready\n", output(spec));
    ContainerCgroup cg = ContainerCgroup.parse(Files.readString(ContainerFiles.of(spec.stateDir()).cgroupFile()));
    if (cg.dirFor("cpuset").isPresent() && Files.exists(cg.dirFor("cpuset").get().resolve("cpuset.cpus"))) {
      Path cpuset = cg.dirFor("cpuset").orElseThrow();
      assertEquals(cpu, Files.readString(cpuset.resolve("cpuset.cpus")).strip());
      assertEquals(Files.readString(cpuset.getParent().resolve("cpuset.mems")).strip(), Files.readString(cpuset.resolve("cpuset.mems")).strip(),
          "cpuset.mems is inherited from the jcompose parent");
      assertTrue(!Files.readString(cpuset.getParent().resolve("cpuset.mems")).isBlank(), "the parent's mems are filled in");
    }
    Path memory = cg.dirFor("memory").orElseThrow();
    if (Files.exists(memory.resolve("memory.soft_limit_in_bytes"))) { // v1
      assertEquals(Long.toString(32L << 20), Files.readString(memory.resolve("memory.soft_limit_in_bytes")).strip());
      assertEquals(Long.toString(64L << 20), Files.readString(memory.resolve("memory.limit_in_bytes")).strip());
      if (runtime.cgroups().supportsSwapLimit()) {
        assertEquals(Long.toString(96L << 20), Files.readString(memory.resolve("memory.memsw.limit_in_bytes")).strip());
      }
    } else { // v2
      assertEquals(Long.toString(32L << 20), Files.readString(memory.resolve("memory.low")).strip());
      if (runtime.cgroups().supportsSwapLimit()) {
        assertEquals(Long.toString(32L << 20), Files.readString(memory.resolve("memory.swap.max")).strip());
      }
    }
    runtime.kill(c.pid(), 9);
    c.exited().get(10, TimeUnit.SECONDS);
    containers.cleanupAndCheck(spec, c);
  }

  @Test
  void unlimitedSwap_isMinusOneInTheCgroup() throws Exception {
    org.junit.jupiter.api.Assumptions.assumeTrue(runtime.cgroups().supportsSwapLimit(), "the kernel does not account swap");
    ContainerSpec spec = containers.command("sleep", "1000")
        .withResources(new Resources(64L << 20, 0, 0, 0, 0).withMemoryReservationAndSwap(0, -1));
    RunningContainer c = containers.start(spec);
    ContainerCgroup cg = ContainerCgroup.parse(Files.readString(ContainerFiles.of(spec.stateDir()).cgroupFile()));
    Path memory = cg.dirFor("memory").orElseThrow();
    Path memsw = memory.resolve(Files.exists(memory.resolve("memory.memsw.limit_in_bytes")) ? "memory.memsw.limit_in_bytes" : "memory.swap.max");
    String value = Files.readString(memsw).strip();
    assertTrue(value.equals("max") || Long.parseLong(value) > (1L << 50), "unlimited: " + value);
    runtime.kill(c.pid(), 9);
    c.exited().get(10, TimeUnit.SECONDS);
    containers.cleanupAndCheck(spec, c);
  }

  @Test
  void aCpuTheEngineDoesNotHave_isRefusedWithTheAvailableOnes() throws Exception {
    ContainerSpec spec = containers.shell("true").withResources(Resources.NONE.withCpuset("1023", ""));
    RuntimeSetupException e = org.junit.jupiter.api.Assertions.assertThrows(RuntimeSetupException.class, () -> containers.prepare(spec));
    org.junit.jupiter.api.Assumptions.assumeTrue(runtime.cgroups().locate(spec.id()).dirFor("cpuset").isPresent(), "no cpuset hierarchy");
    assertTrue(e.getMessage().contains("cannot limit the container to CPUs 1023: only ") && e.getMessage().contains("are available"),
        e.getMessage());
  }
}
