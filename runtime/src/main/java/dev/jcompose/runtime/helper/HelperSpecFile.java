package dev.jcompose.runtime.helper;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;

/**
 * Writes the spec file that {@code jc-helper run SPECFILE} reads. Mirrored by the key table
 * in {@code src/main/c/jc-helper.c} (between "SPEC KEYS BEGIN" and "SPEC KEYS END");
 * {@code HelperSpecFileTest} checks that the two lists agree.
 *
 * <p>Format: one {@code key=value} per line, in UTF-8; list keys repeat, in order. In a value, a
 * backslash is written {@code \\} and a newline {@code \n} (multi-line commands are common in
 * Compose files); the helper undoes that. NUL cannot be carried (the helper uses C strings),
 * and the fields of a mount line may not hold a tab: such values are rejected here with
 * {@link IllegalArgumentException}.
 *
 * <pre>
 * lower=PATH      overlay lower dir, top layer first (repeated)
 * upper=PATH      overlay upper dir             work=PATH    overlay work dir
 * merged=PATH     overlay mount point, becomes the container's /
 * hostname=NAME   cwd=PATH (created when missing)   uid=N   gid=N
 * arg=S           argv, in order (repeated)     env=K=V      environment (repeated)
 * mount=TYPE\tSOURCE\tTARGET\tOPTIONS   "bind" or a filesystem type; comma options (ro, nosuid, size=..)
 * mask=PATH       /dev/null over a file, read-only tmpfs over a dir
 * readonly=PATH   read-only bind of the path onto itself
 * caps=HEX        capability mask, e.g. a80425fb     netns=1|0   new network namespace
 * init=1|0        1: the container's PID 1 is jc-init, which runs the command as its child,
 *                 forwards signals to it, reaps orphans and exits with the command's status
 * seccomp=HEX     seccomp filter: struct sock_filter[] (8 bytes each, x86_64 layout) in hex; empty: none
 * log=PATH        json-file log                 exit=PATH    exit status file
 * pid=N           exec: host pid of the container's init, whose namespaces are joined
 * cgroup=PATH     exec: a cgroup.procs file the command joins (repeated)
 * rootro=1        remount the root filesystem read-only after set-up (ReadonlyRootfs); absent: rw
 * shmsize=BYTES   size of the /dev/shm tmpfs; absent: 64 MiB
 * sysctl=PATH=V   write V to /proc/sys/PATH in the container's namespaces (repeated)
 * rlimit=R:S:H    setrlimit(R, {S, H}) before exec, unlimited as 18446744073709551615 (repeated)
 * group=N         supplementary group, setgroups(2) (repeated); absent: the primary group only
 * oomscoreadj=N   written to /proc/self/oom_score_adj; absent: inherited
 * sharens=TYPE[\tPATH]  TYPE (net, ipc, pid) is not new: with PATH, setns(2) to it before the clone
 *                 (another container's /proc/PID/ns/TYPE); without, the helper's own (the host's) (repeated)
 * device=TYPE\tMAJOR\tMINOR\tMODE\tUID\tGID\tPATH  mknod PATH (below /dev) in the container: TYPE c or b,
 *                 MODE octal permission bits; replaces what is there (repeated)
 * logmax=BYTES    rotate the log before it grows past BYTES; absent: never
 * logfiles=N      log files kept when rotating, the current one included (LOG.1 .. LOG.N-1); 1: truncate it
 * </pre>
 *
 * <p>{@code jc-helper exec SPECFILE} reads a {@link HelperExecSpec}: pid, cgroup, cwd, uid, gid,
 * arg, env, caps, seccomp, group, rlimit and oomscoreadj.
 */
public final class HelperSpecFile {

  /** The keys, in the order they are written. */
  public static final List<String> KEYS = List.of(
      "lower", "upper", "work", "merged", "hostname", "cwd", "uid", "gid", "arg", "env",
      "mount", "mask", "readonly", "caps", "netns", "init", "seccomp", "log", "exit", "pid", "cgroup",
      "rootro", "shmsize", "sysctl", "rlimit", "group", "oomscoreadj", "sharens", "device", "logmax", "logfiles");

  private HelperSpecFile() {}

  /** Writes the spec readable by root only: it holds the container's environment, secrets included. */
  public static void write(HelperSpec spec, Path file) throws IOException {
    write(render(spec), file);
  }

  /** Writes a spec made by {@link #render}, mode 600. */
  public static void write(String renderedSpec, Path file) throws IOException {
    Files.deleteIfExists(file);
    Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
    Files.writeString(file, renderedSpec, StandardCharsets.UTF_8);
  }

  public static String render(HelperSpec spec) {
    Lines out = new Lines();
    for (int i = 0; i < spec.lowerDirs().size(); i++) {
      out.add("lower", "lowerDirs[" + i + "]", spec.lowerDirs().get(i).toString());
    }
    out.add("upper", "upperDir", spec.upperDir().toString());
    out.add("work", "workDir", spec.workDir().toString());
    out.add("merged", "mergedDir", spec.mergedDir().toString());
    out.add("hostname", "hostname", spec.hostname());
    out.add("cwd", "workingDir", spec.workingDir());
    out.add("uid", "uid", Integer.toUnsignedString(spec.uid()));
    out.add("gid", "gid", Integer.toUnsignedString(spec.gid()));
    for (int i = 0; i < spec.args().size(); i++) {
      out.add("arg", "args[" + i + "]", spec.args().get(i));
    }
    for (int i = 0; i < spec.env().size(); i++) {
      out.add("env", "env[" + i + "]", spec.env().get(i));
    }
    for (int i = 0; i < spec.mounts().size(); i++) {
      out.add("mount", "mounts[" + i + "]", mountLine(spec.mounts().get(i), "mounts[" + i + "]"));
    }
    spec.maskedPaths().forEach(p -> out.add("mask", "maskedPaths", p));
    spec.readonlyPaths().forEach(p -> out.add("readonly", "readonlyPaths", p));
    out.add("caps", "capabilities", Long.toHexString(spec.capabilities()));
    out.add("netns", "newNetwork", spec.newNetwork() ? "1" : "0");
    out.add("init", "init", spec.init() ? "1" : "0");
    out.add("seccomp", "seccompFilter", spec.seccompFilter());
    out.add("log", "logFile", spec.logFile().toString());
    out.add("exit", "exitFile", spec.exitFile().toString());
    if (spec.readonlyRootfs()) {
      out.add("rootro", "readonlyRootfs", "1");
    }
    if (spec.shmSize() > 0) {
      out.add("shmsize", "shmSize", Long.toString(spec.shmSize()));
    }
    spec.sysctls().forEach((path, value) -> {
      if (path.isEmpty() || path.contains("=") || path.startsWith("/") || List.of(path.split("/")).contains("..")) {
        throw new IllegalArgumentException("sysctls: \"" + path + "\" is not a relative path below /proc/sys");
      }
      out.add("sysctl", "sysctls[" + path + "]", path + "=" + value);
    });
    spec.rlimits().forEach(r -> out.add("rlimit", "rlimits", r.render()));
    spec.groups().forEach(g -> out.add("group", "groups", Integer.toUnsignedString(g)));
    if (spec.oomScoreAdj() != null) {
      out.add("oomscoreadj", "oomScoreAdj", Integer.toString(spec.oomScoreAdj()));
    }
    for (int i = 0; i < spec.sharedNamespaces().size(); i++) {
      out.add("sharens", "sharedNamespaces[" + i + "]", spec.sharedNamespaces().get(i));
    }
    for (int i = 0; i < spec.devices().size(); i++) {
      out.add("device", "devices[" + i + "]", spec.devices().get(i));
    }
    if (spec.logMaxSize() > 0) {
      out.add("logmax", "logMaxSize", Long.toString(spec.logMaxSize()));
      out.add("logfiles", "logMaxFiles", Integer.toString(spec.logMaxFiles()));
    }
    return out.toString();
  }

  /** The spec of {@code jc-helper exec}. */
  public static String render(HelperExecSpec spec) {
    Lines out = new Lines();
    out.add("pid", "containerPid", Long.toString(spec.containerPid()));
    for (int i = 0; i < spec.cgroupProcsFiles().size(); i++) {
      out.add("cgroup", "cgroupProcsFiles[" + i + "]", spec.cgroupProcsFiles().get(i).toString());
    }
    out.add("cwd", "workingDir", spec.workingDir());
    out.add("uid", "uid", Integer.toUnsignedString(spec.uid()));
    out.add("gid", "gid", Integer.toUnsignedString(spec.gid()));
    for (int i = 0; i < spec.args().size(); i++) {
      out.add("arg", "args[" + i + "]", spec.args().get(i));
    }
    for (int i = 0; i < spec.env().size(); i++) {
      out.add("env", "env[" + i + "]", spec.env().get(i));
    }
    out.add("caps", "capabilities", Long.toHexString(spec.capabilities()));
    out.add("seccomp", "seccompFilter", spec.seccompFilter());
    spec.rlimits().forEach(r -> out.add("rlimit", "rlimits", r.render()));
    spec.groups().forEach(g -> out.add("group", "groups", Integer.toUnsignedString(g)));
    if (spec.oomScoreAdj() != null) {
      out.add("oomscoreadj", "oomScoreAdj", Integer.toString(spec.oomScoreAdj()));
    }
    return out.toString();
  }

  private static String mountLine(HelperMount m, String where) {
    String[] fields = {m.type(), m.source(), m.target(), m.options()};
    String[] names = {"type", "source", "target", "options"};
    for (int i = 0; i < fields.length; i++) {
      if (fields[i].indexOf('\t') >= 0) {
        throw new IllegalArgumentException(where + "." + names[i] + " \"" + fields[i]
            + "\" contains a tab, which the jc-helper spec uses to separate mount fields");
      }
    }
    return String.join("\t", fields);
  }

  /** Accumulates lines, refusing values the line protocol cannot carry. */
  private static final class Lines {
    private final StringBuilder text = new StringBuilder();

    void add(String key, String field, String value) {
      if (!KEYS.contains(key)) {
        throw new IllegalStateException("key " + key + " is not in HelperSpecFile.KEYS");
      }
      if (value.indexOf('\0') >= 0) {
        throw new IllegalArgumentException(field + " \"" + value.replace("\0", "\\0")
            + "\" contains a NUL byte, which a container's settings cannot carry (the helper uses C strings)");
      }
      text.append(key).append('=').append(escape(value)).append('\n');
    }

    @Override
    public String toString() {
      return text.toString();
    }

    /** Backslash and newline as two-character escapes; jc-helper.c's unescape() reverses it. */
    static String escape(String value) {
      if (value.indexOf('\\') < 0 && value.indexOf('\n') < 0) {
        return value;
      }
      return value.replace("\\", "\\\\").replace("\n", "\\n");
    }
  }
}
