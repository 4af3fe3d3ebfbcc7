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
    String seccompFilter) {

  public HelperExecSpec {
    cgroupProcsFiles = List.copyOf(cgroupProcsFiles);
    args = List.copyOf(args);
    env = List.copyOf(env);
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
