package dev.jcompose.runtime;

import dev.jcompose.runtime.cgroup.CgroupDir;
import dev.jcompose.runtime.cgroup.ContainerCgroup;
import dev.jcompose.runtime.helper.HelperExecSpec;
import dev.jcompose.runtime.helper.HelperRlimit;
import java.util.List;

/**
 * Turns an {@link ExecSpec} into what {@code jc-helper exec} carries out: the container's init to
 * take namespaces from, the container's cgroup, and the container's own capability bounding set
 * (so an exec gets exactly what the container got, {@code cap_add} and {@code privileged} included).
 */
final class ExecSpecs {
  private ExecSpecs() {}

  /** {@code containerSeccomp}: the container runs under the default seccomp filter, so the exec does too. */
  static HelperExecSpec of(ExecSpec spec, long containerPid, ContainerCgroup cgroup, long containerCapabilities,
      boolean containerSeccomp) {
    return of(spec, containerPid, cgroup, containerCapabilities, containerSeccomp, List.of(), null);
  }

  /**
   * {@code containerFilter}: the container runs under this filter (its {@code security_opt} profile,
   * as jc-helper's hex, {@code ContainerFiles.seccompFile}); null: the default filter, when {@code containerSeccomp}.
   */
  static HelperExecSpec of(ExecSpec spec, long containerPid, ContainerCgroup cgroup, long containerCapabilities,
      boolean containerSeccomp, String containerFilter, List<HelperRlimit> containerRlimits, Integer containerOomScoreAdj) {
    HelperExecSpec h = of(spec, containerPid, cgroup, containerCapabilities, containerSeccomp, containerRlimits, containerOomScoreAdj);
    if (!containerSeccomp || containerFilter == null) {
      return h;
    }
    return new HelperExecSpec(h.containerPid(), h.cgroupProcsFiles(), h.workingDir(), h.uid(), h.gid(), h.args(), h.env(),
        h.capabilities(), containerFilter, h.groups(), h.rlimits(), h.oomScoreAdj());
  }

  /** {@code containerRlimits}, {@code containerOomScoreAdj}: what the exec takes over from the container (where it differs from the helper's own). */
  static HelperExecSpec of(ExecSpec spec, long containerPid, ContainerCgroup cgroup, long containerCapabilities,
      boolean containerSeccomp, List<HelperRlimit> containerRlimits, Integer containerOomScoreAdj) {
    return new HelperExecSpec(
        containerPid,
        cgroup.dirs().stream().map(CgroupDir::path).map(p -> p.resolve("cgroup.procs")).toList(),
        spec.workingDir(),
        spec.uid(),
        spec.gid(),
        spec.args(),
        HelperSpecs.withDefaultPath(spec.env()),
        containerCapabilities,
        containerSeccomp ? SeccompFilter.hex(Capability.fromMask(containerCapabilities)) : "",
        spec.additionalGids(),
        containerRlimits,
        containerOomScoreAdj);
  }
}
