package dev.jcompose.runtime;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * One container as the runtime starts it: its root filesystem (overlay of {@code lowerDirs},
 * top first, with upper/work dirs under {@code stateDir}), its command, identity and limits.
 *
 * @param id          unique; names the cgroup ({@code .../jcompose/<id>}); letters, digits, {@code _.-}
 * @param hostname    empty: the first 12 characters of {@code id}, as Docker does
 * @param stateDir    this container's directory: spec, rootfs upper/work, json log, exit status
 * @param args        the command; {@code args[0]} is looked up in the container's {@code PATH}
 * @param env         {@code K=V}; {@code PATH} gets Docker's default when absent
 * @param workingDir  absolute; created when missing
 * @param newNetwork  a new network namespace (only {@code lo}, up); false shares the host's
 * @param security    capabilities and privileged mode; null is Docker's default
 * @param init        {@code init: true}: a reaping PID 1 ("jc-init") runs the command as its child,
 *                    forwards TERM, INT, HUP, QUIT, USR1, USR2 and WINCH to it and exits with its status
 * @param runtimeOptions read-only rootfs, /dev/shm size, sysctls, ulimits, supplementary groups, oom_score_adj;
 *                    null is Docker's default
 * @param sharedNamespaces namespaces joined instead of new ones (network_mode/ipc/pid: container:X or host)
 */
public record ContainerSpec(
    String id,
    String hostname,
    List<Path> lowerDirs,
    Path stateDir,
    List<String> args,
    List<String> env,
    String workingDir,
    int uid,
    int gid,
    List<MountSpec> mounts,
    Resources resources,
    boolean newNetwork,
    SecurityOptions security,
    boolean init,
    RuntimeOptions runtimeOptions,
    List<NamespaceJoin> sharedNamespaces) {

  public ContainerSpec {
    sharedNamespaces = sharedNamespaces == null ? List.of() : List.copyOf(sharedNamespaces);
    if (sharedNamespaces.stream().map(NamespaceJoin::type).distinct().count() != sharedNamespaces.size()) {
      throw new IllegalArgumentException("container " + id + ": a namespace type is shared twice: " + sharedNamespaces);
    }
    if (newNetwork && sharedNamespaces.stream().anyMatch(j -> j.type().equals("net"))) {
      throw new IllegalArgumentException("container " + id + ": joins a network namespace, so newNetwork must be false");
    }
    runtimeOptions = runtimeOptions == null ? RuntimeOptions.DEFAULT : runtimeOptions;
    security = security == null ? SecurityOptions.DEFAULT : security;
    Objects.requireNonNull(id, "id");
    hostname = hostname == null ? "" : hostname;
    lowerDirs = List.copyOf(lowerDirs);
    Objects.requireNonNull(stateDir, "stateDir");
    args = List.copyOf(args);
    env = List.copyOf(env);
    workingDir = workingDir == null || workingDir.isEmpty() ? "/" : workingDir;
    mounts = List.copyOf(mounts);
    resources = resources == null ? Resources.NONE : resources;
    if (!id.matches("[A-Za-z0-9][A-Za-z0-9_.-]{0,127}")) {
      throw new IllegalArgumentException("container id \"" + id + "\" must be 1-128 letters, digits, '_', '.' or '-', starting with a letter or digit");
    }
    if (lowerDirs.isEmpty()) {
      throw new IllegalArgumentException("container " + id + ": no image layers (lowerDirs is empty)");
    }
    for (Path p : lowerDirs) {
      if (!p.isAbsolute()) {
        throw new IllegalArgumentException("container " + id + ": layer dir " + p + " must be absolute");
      }
    }
    if (!stateDir.isAbsolute()) {
      throw new IllegalArgumentException("container " + id + ": state dir " + stateDir + " must be absolute");
    }
    if (args.isEmpty() || args.get(0).isEmpty()) {
      throw new IllegalArgumentException("container " + id + ": no command to run (args is empty)");
    }
    for (String e : env) {
      if (e.indexOf('=') <= 0) {
        throw new IllegalArgumentException("container " + id + ": environment entry \"" + e + "\" is not KEY=VALUE");
      }
    }
    if (!workingDir.startsWith("/")) {
      throw new IllegalArgumentException("container " + id + ": working dir \"" + workingDir + "\" must be absolute");
    }
    if (uid < 0 || gid < 0) {
      throw new IllegalArgumentException("container " + id + ": uid " + uid + " / gid " + gid + " must not be negative");
    }
  }

  /** A container with its own namespaces. */
  public ContainerSpec(String id, String hostname, List<Path> lowerDirs, Path stateDir, List<String> args, List<String> env,
      String workingDir, int uid, int gid, List<MountSpec> mounts, Resources resources, boolean newNetwork,
      SecurityOptions security, boolean init, RuntimeOptions runtimeOptions) {
    this(id, hostname, lowerDirs, stateDir, args, env, workingDir, uid, gid, mounts, resources, newNetwork, security, init,
        runtimeOptions, List.of());
  }

  /** A container with Docker's default {@link RuntimeOptions}. */
  public ContainerSpec(String id, String hostname, List<Path> lowerDirs, Path stateDir, List<String> args, List<String> env,
      String workingDir, int uid, int gid, List<MountSpec> mounts, Resources resources, boolean newNetwork,
      SecurityOptions security, boolean init) {
    this(id, hostname, lowerDirs, stateDir, args, env, workingDir, uid, gid, mounts, resources, newNetwork, security, init,
        RuntimeOptions.DEFAULT);
  }

  /** A container with Docker's default confinement. */
  public ContainerSpec(String id, String hostname, List<Path> lowerDirs, Path stateDir, List<String> args, List<String> env,
      String workingDir, int uid, int gid, List<MountSpec> mounts, Resources resources, boolean newNetwork) {
    this(id, hostname, lowerDirs, stateDir, args, env, workingDir, uid, gid, mounts, resources, newNetwork, SecurityOptions.DEFAULT, false);
  }

  /** A container running {@code args} as root in a new network namespace, with no mounts and no limits. */
  public static ContainerSpec of(String id, List<Path> lowerDirs, Path stateDir, List<String> args) {
    return new ContainerSpec(id, "", lowerDirs, stateDir, args, List.of(), "/", 0, 0, List.of(), Resources.NONE, true);
  }

  public ContainerSpec withHostname(String name) {
    return new ContainerSpec(id, name, lowerDirs, stateDir, args, env, workingDir, uid, gid, mounts, resources, newNetwork, security, init, runtimeOptions, sharedNamespaces);
  }

  public ContainerSpec withEnv(List<String> environment) {
    return new ContainerSpec(id, hostname, lowerDirs, stateDir, args, environment, workingDir, uid, gid, mounts, resources, newNetwork, security, init, runtimeOptions, sharedNamespaces);
  }

  public ContainerSpec withWorkingDir(String dir) {
    return new ContainerSpec(id, hostname, lowerDirs, stateDir, args, env, dir, uid, gid, mounts, resources, newNetwork, security, init, runtimeOptions, sharedNamespaces);
  }

  public ContainerSpec withUser(int userId, int groupId) {
    return new ContainerSpec(id, hostname, lowerDirs, stateDir, args, env, workingDir, userId, groupId, mounts, resources, newNetwork, security, init, runtimeOptions, sharedNamespaces);
  }

  public ContainerSpec withMounts(List<MountSpec> list) {
    return new ContainerSpec(id, hostname, lowerDirs, stateDir, args, env, workingDir, uid, gid, list, resources, newNetwork, security, init, runtimeOptions, sharedNamespaces);
  }

  public ContainerSpec withResources(Resources limits) {
    return new ContainerSpec(id, hostname, lowerDirs, stateDir, args, env, workingDir, uid, gid, mounts, limits, newNetwork, security, init, runtimeOptions, sharedNamespaces);
  }

  public ContainerSpec withSecurity(SecurityOptions options) {
    return new ContainerSpec(id, hostname, lowerDirs, stateDir, args, env, workingDir, uid, gid, mounts, resources, newNetwork, options, init, runtimeOptions, sharedNamespaces);
  }

  public ContainerSpec withNewNetwork(boolean isolated) {
    return new ContainerSpec(id, hostname, lowerDirs, stateDir, args, env, workingDir, uid, gid, mounts, resources, isolated, security, init, runtimeOptions, sharedNamespaces);
  }

  public ContainerSpec withRuntimeOptions(RuntimeOptions options) {
    return new ContainerSpec(id, hostname, lowerDirs, stateDir, args, env, workingDir, uid, gid, mounts, resources, newNetwork, security, init, options, sharedNamespaces);
  }

  /** Namespaces shared with other containers or the host instead of new ones (see {@link NamespaceJoin}). */
  public ContainerSpec withSharedNamespaces(List<NamespaceJoin> joins) {
    return new ContainerSpec(id, hostname, lowerDirs, stateDir, args, env, workingDir, uid, gid, mounts, resources, newNetwork, security, init, runtimeOptions, joins);
  }

  public ContainerSpec withInit(boolean reapingInit) {
    return new ContainerSpec(id, hostname, lowerDirs, stateDir, args, env, workingDir, uid, gid, mounts, resources, newNetwork, security, reapingInit, runtimeOptions, sharedNamespaces);
  }
}
