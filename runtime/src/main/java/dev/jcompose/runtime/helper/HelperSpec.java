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
 * @param readonlyRootfs remount the root filesystem read-only once everything is mounted
 * @param shmSize       bytes of the /dev/shm tmpfs; 0: the helper's 64 MiB
 * @param sysctls       path below /proc/sys (net/ipv4/ip_forward) to value, written in the container's namespaces
 * @param rlimits       setrlimit(2) before exec
 * @param groups        setgroups(2), the primary group included; empty: the primary group only
 * @param oomScoreAdj   written to /proc/self/oom_score_adj; null: inherited
 * @param sharedNamespaces "TYPE" (the helper's own, i.e. the host's) or "TYPE\tPATH" (setns to PATH), TYPE net, ipc or pid
 * @param devices       device nodes to make in the container: "TYPE\tMAJOR\tMINOR\tMODE(octal)\tUID\tGID\tPATH"
 * @param logMaxSize    rotate the json-file log before it grows past this many bytes; 0: never
 * @param logMaxFiles   log files kept when rotating, the current one included
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
    Path exitFile,
    boolean readonlyRootfs,
    long shmSize,
    java.util.Map<String, String> sysctls,
    List<HelperRlimit> rlimits,
    List<Integer> groups,
    Integer oomScoreAdj,
    List<String> sharedNamespaces,
    List<String> devices,
    long logMaxSize,
    int logMaxFiles) {

  /** Without devices and log rotation. */
  public HelperSpec(List<Path> lowerDirs, Path upperDir, Path workDir, Path mergedDir, String hostname, String workingDir,
      int uid, int gid, List<String> args, List<String> env, List<HelperMount> mounts, List<String> maskedPaths,
      List<String> readonlyPaths, long capabilities, boolean newNetwork, boolean init, String seccompFilter, Path logFile,
      Path exitFile, boolean readonlyRootfs, long shmSize, java.util.Map<String, String> sysctls, List<HelperRlimit> rlimits,
      List<Integer> groups, Integer oomScoreAdj, List<String> sharedNamespaces) {
    this(lowerDirs, upperDir, workDir, mergedDir, hostname, workingDir, uid, gid, args, env, mounts, maskedPaths, readonlyPaths,
        capabilities, newNetwork, init, seccompFilter, logFile, exitFile, readonlyRootfs, shmSize, sysctls, rlimits, groups,
        oomScoreAdj, sharedNamespaces, List.of(), 0, 1);
  }

  /** With only new namespaces (no {@code sharens} lines). */
  public HelperSpec(List<Path> lowerDirs, Path upperDir, Path workDir, Path mergedDir, String hostname, String workingDir,
      int uid, int gid, List<String> args, List<String> env, List<HelperMount> mounts, List<String> maskedPaths,
      List<String> readonlyPaths, long capabilities, boolean newNetwork, boolean init, String seccompFilter, Path logFile,
      Path exitFile, boolean readonlyRootfs, long shmSize, java.util.Map<String, String> sysctls, List<HelperRlimit> rlimits,
      List<Integer> groups, Integer oomScoreAdj) {
    this(lowerDirs, upperDir, workDir, mergedDir, hostname, workingDir, uid, gid, args, env, mounts, maskedPaths, readonlyPaths,
        capabilities, newNetwork, init, seccompFilter, logFile, exitFile, readonlyRootfs, shmSize, sysctls, rlimits, groups,
        oomScoreAdj, List.of());
  }

  /** Without the options of {@code RuntimeOptions}: Docker's defaults. */
  public HelperSpec(List<Path> lowerDirs, Path upperDir, Path workDir, Path mergedDir, String hostname, String workingDir,
      int uid, int gid, List<String> args, List<String> env, List<HelperMount> mounts, List<String> maskedPaths,
      List<String> readonlyPaths, long capabilities, boolean newNetwork, boolean init, String seccompFilter, Path logFile,
      Path exitFile) {
    this(lowerDirs, upperDir, workDir, mergedDir, hostname, workingDir, uid, gid, args, env, mounts, maskedPaths, readonlyPaths,
        capabilities, newNetwork, init, seccompFilter, logFile, exitFile, false, 0, java.util.Map.of(), List.of(), List.of(), null);
  }

  public HelperSpec {
    lowerDirs = List.copyOf(lowerDirs);
    args = List.copyOf(args);
    env = List.copyOf(env);
    mounts = List.copyOf(mounts);
    maskedPaths = List.copyOf(maskedPaths);
    readonlyPaths = List.copyOf(readonlyPaths);
    sysctls = sysctls == null ? java.util.Map.of() : java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(sysctls));
    rlimits = rlimits == null ? List.of() : List.copyOf(rlimits);
    groups = groups == null ? List.of() : List.copyOf(groups);
    sharedNamespaces = sharedNamespaces == null ? List.of() : List.copyOf(sharedNamespaces);
    devices = devices == null ? List.of() : List.copyOf(devices);
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
