package dev.jcompose.runtime;

import java.nio.file.Path;

/** The layout of one container's state dir. Everything the runtime keeps about a container lives here. */
public record ContainerFiles(Path stateDir) {

  public static ContainerFiles of(Path stateDir) {
    return new ContainerFiles(stateDir.toAbsolutePath().normalize());
  }

  /** The spec jc-helper reads ({@code HelperSpecFile}). */
  public Path specFile() {
    return stateDir.resolve("helper.spec");
  }

  /** jc-helper's own stderr: set-up errors, monitor warnings. */
  public Path helperLog() {
    return stateDir.resolve("helper.log");
  }

  /** The cgroup directories created for the container ({@code ContainerCgroup.serialize}). */
  public Path cgroupFile() {
    return stateDir.resolve("cgroups");
  }

  public Path upperDir() {
    return stateDir.resolve("upper");
  }

  public Path workDir() {
    return stateDir.resolve("work");
  }

  /** The overlay's mount point; mounted only inside the container's mount namespace. */
  public Path mergedDir() {
    return stateDir.resolve("merged");
  }

  /** The container's stdout and stderr in Docker's json-file format ({@link ContainerLogReader}). */
  public Path logFile() {
    return stateDir.resolve("container-json.log");
  }

  /**
   * The seccomp filter of a container started with a {@code security_opt} profile (jc-helper's hex),
   * for {@code exec} to load the same; absent with the default filter or none.
   */
  public Path seccompFile() {
    return stateDir.resolve("seccomp.hex");
  }

  /** Written by the monitor when the container has exited ({@link ExitStatus}). */
  public Path exitFile() {
    return stateDir.resolve("exit.json");
  }
}
