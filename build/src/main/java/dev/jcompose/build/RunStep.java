package dev.jcompose.build;

import dev.jcompose.runtime.MountSpec;
import java.nio.file.Path;
import java.util.List;

/**
 * One RUN step's container: its root filesystem is {@code lowerDirs} (top first, the build's
 * init layer on top) plus a fresh upper dir, whose content after the run is the step's layer.
 *
 * @param stateDir  the container's state dir (spec, log, upper); {@link StepRunner#run} leaves the upper dir in {@code diffDir}
 * @param diffDir   where the upper dir is moved once the container has exited (must not exist)
 */
public record RunStep(String id, List<Path> lowerDirs, Path stateDir, Path diffDir, List<String> args, List<String> env,
    String workingDir, int uid, int gid, List<MountSpec> mounts, String network, List<String> extraHosts) {

  public RunStep {
    lowerDirs = List.copyOf(lowerDirs);
    args = List.copyOf(args);
    env = List.copyOf(env);
    mounts = List.copyOf(mounts);
    extraHosts = List.copyOf(extraHosts);
  }
}
