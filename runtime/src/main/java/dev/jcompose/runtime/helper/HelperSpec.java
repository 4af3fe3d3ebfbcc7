package dev.jcompose.runtime.helper;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * Everything jc-helper needs to start one container, fully resolved: the wire form of a
 * container, apart from the engine-facing model ({@code ContainerSpec}). {@link HelperSpecFile}
 * writes it; the keys are documented there and at the top of {@code jc-helper.c}.
 *
 * @param seccompFilter a classic BPF program (struct sock_filter[], x86_64 layout) in hex; empty: none
 */
public record HelperSpec(
    List<Path> lowerDirs,
    Path upperDir,
    Path workDir,
    Path mergedDir,
    String hostname,
    String workingDir,
    int uid,
    int gid,
    List<String> args,
    List<String> env,
    List<HelperMount> mounts,
    List<String> maskedPaths,
    List<String> readonlyPaths,
    long capabilities,
    boolean newNetwork,
    boolean init,
    String seccompFilter,
    Path logFile,
    Path exitFile) {

  public HelperSpec {
    lowerDirs = List.copyOf(lowerDirs);
    args = List.copyOf(args);
    env = List.copyOf(env);
    mounts = List.copyOf(mounts);
    maskedPaths = List.copyOf(maskedPaths);
    readonlyPaths = List.copyOf(readonlyPaths);
    Objects.requireNonNull(upperDir, "upperDir");
    Objects.requireNonNull(workDir, "workDir");
    Objects.requireNonNull(mergedDir, "mergedDir");
    Objects.requireNonNull(hostname, "hostname");
    Objects.requireNonNull(workingDir, "workingDir");
    Objects.requireNonNull(seccompFilter, "seccompFilter");
    Objects.requireNonNull(logFile, "logFile");
    Objects.requireNonNull(exitFile, "exitFile");
    if (lowerDirs.isEmpty()) {
      throw new IllegalArgumentException("at least one lower dir is needed");
    }
    if (args.isEmpty()) {
      throw new IllegalArgumentException("the command (args) is empty");
    }
  }
}
