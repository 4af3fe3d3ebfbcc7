package dev.jcompose.runtime.helper;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * Everything {@code jc-helper exec} needs to run one more process in a running container, fully
 * resolved. {@link HelperSpecFile#render(HelperExecSpec)} writes it.
 *
 * @param containerPid     host pid of the container's init; its namespaces are joined
 * @param cgroupProcsFiles the {@code cgroup.procs} files of the container's cgroup, host paths
 * @param capabilities     bounding, effective and permitted set, as for the container itself
 * @param seccompFilter    the container's seccomp filter in hex, as {@link HelperSpec#seccompFilter()}; empty: none
 * @param groups           supplementary groups, as {@link HelperSpec#groups()}
 * @param rlimits          the container's resource limits, set before exec
 * @param oomScoreAdj      the container's oom_score_adj; null: inherited
 */
public record HelperExecSpec(
    long containerPid,
    List<Path> cgroupProcsFiles,
    String workingDir,
    int uid,
    int gid,
    List<String> args,
    List<String> env,
    long capabilities,
    String seccompFilter,
    List<Integer> groups,
    List<HelperRlimit> rlimits,
    Integer oomScoreAdj) {

  /** Only the primary group, the helper's own resource limits. */
  public HelperExecSpec(long containerPid, List<Path> cgroupProcsFiles, String workingDir, int uid, int gid, List<String> args,
      List<String> env, long capabilities, String seccompFilter) {
    this(containerPid, cgroupProcsFiles, workingDir, uid, gid, args, env, capabilities, seccompFilter, List.of(), List.of(), null);
  }

  public HelperExecSpec {
    cgroupProcsFiles = List.copyOf(cgroupProcsFiles);
    args = List.copyOf(args);
    env = List.copyOf(env);
    groups = groups == null ? List.of() : List.copyOf(groups);
    rlimits = rlimits == null ? List.of() : List.copyOf(rlimits);
    Objects.requireNonNull(workingDir, "workingDir");
    Objects.requireNonNull(seccompFilter, "seccompFilter");
    if (containerPid <= 0) {
      throw new IllegalArgumentException("container pid " + containerPid + " is not a process id");
    }
    if (args.isEmpty()) {
      throw new IllegalArgumentException("the command (args) is empty");
    }
  }
}
