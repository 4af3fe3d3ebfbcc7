package dev.jcompose.runtime;

import java.util.List;

/**
 * One more process to run in a running container ({@code docker exec}). It joins the
 * container's namespaces and cgroup and gets the container's capabilities; the rest is here.
 *
 * @param args       the command; {@code args[0]} is looked up in {@code PATH} of {@code env}
 * @param env        {@code K=V}, the whole environment; {@code PATH} gets Docker's default when absent
 * @param workingDir absolute, inside the container; it must exist
 * @param additionalGids supplementary groups, primary first ({@link UserSpec#additionalGids}); empty: the primary group only
 */
public record ExecSpec(List<String> args, List<String> env, String workingDir, int uid, int gid, List<Integer> additionalGids) {

  /** Only the primary group. */
  public ExecSpec(List<String> args, List<String> env, String workingDir, int uid, int gid) {
    this(args, env, workingDir, uid, gid, List.of());
  }

  public ExecSpec {
    args = List.copyOf(args);
    env = List.copyOf(env);
    additionalGids = additionalGids == null ? List.of() : List.copyOf(additionalGids);
    workingDir = workingDir == null || workingDir.isEmpty() ? "/" : workingDir;
    if (args.isEmpty() || args.get(0).isEmpty()) {
      throw new IllegalArgumentException("exec: no command to run (args is empty)");
    }
    for (String e : env) {
      if (e.indexOf('=') <= 0) {
        throw new IllegalArgumentException("exec: environment entry \"" + e + "\" is not KEY=VALUE");
      }
    }
    if (!workingDir.startsWith("/")) {
      throw new IllegalArgumentException("exec: working dir \"" + workingDir + "\" must be absolute");
    }
    if (uid < 0 || gid < 0) {
      throw new IllegalArgumentException("exec: uid " + uid + " / gid " + gid + " must not be negative");
    }
  }

  /** {@code args} as root in {@code /}, with Docker's default PATH only. */
  public static ExecSpec of(List<String> args) {
    return new ExecSpec(args, List.of(), "/", 0, 0);
  }

  public ExecSpec withEnv(List<String> environment) {
    return new ExecSpec(args, environment, workingDir, uid, gid, additionalGids);
  }

  public ExecSpec withWorkingDir(String dir) {
    return new ExecSpec(args, env, dir, uid, gid, additionalGids);
  }

  public ExecSpec withUser(int userId, int groupId) {
    return new ExecSpec(args, env, workingDir, userId, groupId, List.of());
  }

  public ExecSpec withAdditionalGids(List<Integer> gids) {
    return new ExecSpec(args, env, workingDir, uid, gid, gids);
  }
}
