package dev.jcompose.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.jcompose.runtime.cgroup.CgroupDir;
import dev.jcompose.runtime.cgroup.ContainerCgroup;
import dev.jcompose.runtime.helper.HelperExecSpec;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class ExecSpecTest {

  @Test
  void of_runsAsRootInSlash() {
    ExecSpec s = ExecSpec.of(List.of("ls"));
    assertEquals(new ExecSpec(List.of("ls"), List.of(), "/", 0, 0), s);
  }

  @Test
  void withers_changeOneField() {
    ExecSpec s = ExecSpec.of(List.of("ls")).withUser(5, 6).withWorkingDir("/srv").withEnv(List.of("A=b"));
    assertEquals(new ExecSpec(List.of("ls"), List.of("A=b"), "/srv", 5, 6), s);
  }

  @Test
  void emptyWorkingDir_isSlash() {
    assertEquals("/", ExecSpec.of(List.of("ls")).withWorkingDir("").workingDir());
  }

  @Test
  void relativeWorkingDir_isRejected() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ExecSpec.of(List.of("ls")).withWorkingDir("srv"));
    assertEquals("exec: working dir \"srv\" must be absolute", e.getMessage());
  }

  @Test
  void envWithoutEquals_isRejected() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ExecSpec.of(List.of("ls")).withEnv(List.of("A")));
    assertEquals("exec: environment entry \"A\" is not KEY=VALUE", e.getMessage());
  }

  @Test
  void noCommand_isRejected() {
    assertThrows(IllegalArgumentException.class, () -> ExecSpec.of(List.of()));
    assertThrows(IllegalArgumentException.class, () -> ExecSpec.of(List.of("")));
  }

  @Test
  void execSpecs_takeCgroupProcsFiles_containerCaps_andDefaultPath() {
    ContainerCgroup cgroup = new ContainerCgroup(List.of(new CgroupDir("memory", Path.of("/cg/memory/jcompose/c1")),
        new CgroupDir("pids", Path.of("/cg/pids/jcompose/c1"))));
    HelperExecSpec h = ExecSpecs.of(ExecSpec.of(List.of("ls")).withEnv(List.of("A=1")), 42, cgroup, 0x3000L, false);
    assertEquals(List.of(Path.of("/cg/memory/jcompose/c1/cgroup.procs"), Path.of("/cg/pids/jcompose/c1/cgroup.procs")), h.cgroupProcsFiles());
    assertEquals(List.of("A=1", SecurityDefaults.DEFAULT_PATH), h.env());
    assertEquals(0x3000L, h.capabilities());
    assertEquals(42, h.containerPid());
    assertEquals("", h.seccompFilter(), "the container runs unconfined, so does the exec");
  }

  @Test
  void execSpecs_ofAConfinedContainer_getItsSeccompFilter() {
    long caps = Capability.mask(Capability.DOCKER_DEFAULTS);
    HelperExecSpec h = ExecSpecs.of(ExecSpec.of(List.of("ls")), 42, new ContainerCgroup(List.of()), caps, true);
    assertEquals(SeccompFilter.hex(Capability.DOCKER_DEFAULTS), h.seccompFilter());
  }
}
