package dev.jcompose.runtime.oci;

import dev.jcompose.runtime.ContainerSpec;
import dev.jcompose.runtime.MountSpec;
import dev.jcompose.runtime.NamespaceJoin;
import dev.jcompose.runtime.Resources;
import dev.jcompose.runtime.RuntimeOptions;
import dev.jcompose.runtime.SecurityOptions;
import dev.jcompose.runtime.Ulimit;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * An OCI runtime spec ({@link OciSpec}) as the runtime's {@link ContainerSpec}. What the runtime
 * cannot carry out is refused ({@link OciSpecException} naming the field); what it does anyway
 * in its own way, or ignores harmlessly, is listed in {@link Result#warnings()}.
 */
public final class OciTranslator {
  /** The mounts jc-helper makes itself, as Docker's (type per destination): accepted and not mounted again. */
  static final Map<String, String> BUILTIN_MOUNTS = Map.of("/proc", "proc", "/dev", "tmpfs", "/dev/pts", "devpts",
      "/dev/shm", "tmpfs", "/dev/mqueue", "mqueue", "/sys", "sysfs", "/sys/fs/cgroup", "cgroup");
  private static final Set<String> NAMESPACE_TYPES = Set.of("pid", "network", "ipc", "uts", "mount", "user", "cgroup", "time");

  private OciTranslator() {}

  /** The container spec, and what of config.json is done differently or ignored. */
  public record Result(ContainerSpec spec, List<String> warnings) {}

  /**
   * @param bundle   the bundle directory (absolute); {@code root.path} and relative bind sources are resolved against it
   * @param id       the container id
   * @param stateDir the container's state dir (absolute)
   */
  public static Result translate(OciSpec oci, Path bundle, String id, Path stateDir) {
    String file = bundle.resolve("config.json").toString();
    List<String> warnings = new ArrayList<>();
    if (oci.ociVersion() == null || !oci.ociVersion().startsWith("1.")) {
      throw fail(file, "ociVersion", "is " + quote(oci.ociVersion()) + ", not a 1.x version", "set \"ociVersion\": \"1.0.2\"");
    }
    OciSpec.Process process = oci.process();
    if (process == null) {
      throw fail(file, "process", "is missing", "add a process with args, env and cwd (see `runc spec`)");
    }
    if (process.terminal()) {
      throw fail(file, "process.terminal", "is true, but this runtime has no terminal support yet",
          "set \"terminal\": false (output then goes to the container's log, and `run` prints it)");
    }
    if (process.args().isEmpty()) {
      throw fail(file, "process.args", "is empty", "give the command to run, e.g. [\"sh\", \"-c\", \"echo hi\"]");
    }
    String cwd = process.cwd() == null || process.cwd().isEmpty() ? "/" : process.cwd();
    if (!cwd.startsWith("/")) {
      throw fail(file, "process.cwd", "is " + quote(cwd) + ", not an absolute path", "use an absolute path such as \"/\"");
    }
    OciSpec.User user = process.user() == null ? new OciSpec.User(0, 0, List.of(), null, null) : process.user();
    if (user.uid() < 0 || user.uid() > Integer.MAX_VALUE || user.gid() < 0 || user.gid() > Integer.MAX_VALUE) {
      throw fail(file, "process.user", "has uid " + user.uid() + " / gid " + user.gid() + " out of range", "use ids from 0 to 2^31-1");
    }
    if (user.username() != null && !user.username().isEmpty()) {
      warnings.add("process.user.username is ignored (uid and gid are used)");
    }
    if (user.umask() != null) {
      warnings.add("process.user.umask is ignored (the umask stays 0022)");
    }
    if (process.noNewPrivileges()) {
      warnings.add("process.noNewPrivileges is not set (as Docker, the process keeps setuid programs working; "
          + "the seccomp filter is loaded with CAP_SYS_ADMIN instead)");
    }
    if (process.apparmorProfile() != null && !process.apparmorProfile().isEmpty()) {
      warnings.add("process.apparmorProfile is ignored (no AppArmor support)");
    }
    if (process.selinuxLabel() != null && !process.selinuxLabel().isEmpty()) {
      warnings.add("process.selinuxLabel is ignored (no SELinux support)");
    }

    // root
    if (oci.root() == null || oci.root().path() == null || oci.root().path().isEmpty()) {
      throw fail(file, "root.path", "is missing", "set \"root\": {\"path\": \"rootfs\"} and put the root filesystem there");
    }
    Path rootfs = bundle.resolve(oci.root().path()).normalize();
    if (!Files.isDirectory(rootfs)) {
      throw fail(file, "root.path", "is " + quote(oci.root().path()) + ", but " + rootfs + " is not a directory",
          "unpack the root filesystem there (e.g. `docker export $(docker create busybox) | tar -C " + rootfs + " -x`)");
    }

    // linux
    OciSpec.Linux linux = oci.linux() == null
        ? new OciSpec.Linux(null, null, null, null, null, null, null, null, null, null, null) : oci.linux();
    if (!linux.uidMappings().isEmpty() || !linux.gidMappings().isEmpty()) {
      throw fail(file, "linux.uidMappings", "is set, but user namespaces are not supported",
          "remove linux.uidMappings, linux.gidMappings and the \"user\" namespace");
    }
    boolean newNetwork = false;
    List<NamespaceJoin> joins = new ArrayList<>();
    Set<String> seen = new LinkedHashSet<>();
    for (int i = 0; i < linux.namespaces().size(); i++) {
      OciSpec.Namespace ns = linux.namespaces().get(i);
      String field = "linux.namespaces[" + i + "]";
      String type = ns.type() == null ? "" : ns.type();
      if (!NAMESPACE_TYPES.contains(type)) {
        throw fail(file, field + ".type", "is " + quote(ns.type()) + ", not a namespace type",
            "use one of pid, network, ipc, uts, mount, cgroup");
      }
      if (!seen.add(type)) {
        throw fail(file, field, "names the " + type + " namespace a second time", "keep one entry per type");
      }
      boolean hasPath = ns.path() != null && !ns.path().isEmpty();
      switch (type) {
        case "user", "time" -> throw fail(file, field, "asks for a " + type + " namespace, which this runtime does not support",
            "remove it");
        case "network" -> {
          if (hasPath) {
            joins.add(new NamespaceJoin("net", absolute(file, field + ".path", ns.path())));
          } else {
            newNetwork = true;
          }
        }
        case "pid", "ipc" -> {
          if (hasPath) {
            joins.add(new NamespaceJoin(type, absolute(file, field + ".path", ns.path())));
          }
        }
        case "uts", "mount" -> {
          if (hasPath) {
            throw fail(file, field + ".path", "joins an existing " + type + " namespace, which is not supported",
                "remove the path (the container gets a new " + type + " namespace)");
          }
        }
        case "cgroup" -> {
          if (hasPath) {
            throw fail(file, field + ".path", "joins an existing cgroup namespace, which is not supported", "remove the path");
          }
        }
        default -> throw new IllegalStateException(type);
      }
    }
    for (String own : List.of("uts", "mount")) {
      if (!seen.contains(own)) {
        throw fail(file, "linux.namespaces", "has no \"" + own + "\" entry: sharing the host's " + own
            + " namespace is not supported", "add {\"type\": \"" + own + "\"}");
      }
    }
    for (String shared : List.of("pid", "ipc")) {
      if (!seen.contains(shared)) {
        joins.add(NamespaceJoin.host(shared));
      }
    }
    if (!dev.jcompose.runtime.SecurityDefaults.MASKED_PATHS.containsAll(linux.maskedPaths())
        || !dev.jcompose.runtime.SecurityDefaults.READONLY_PATHS.containsAll(linux.readonlyPaths())) {
      warnings.add("linux.maskedPaths and linux.readonlyPaths: Docker's default lists are applied instead (they include runc's)");
    }
    if (linux.cgroupsPath() != null && !linux.cgroupsPath().isEmpty()) {
      warnings.add("linux.cgroupsPath is ignored: the cgroup is jcompose/" + id + " below this process's cgroup");
    }
    if (!linux.devices().isEmpty()) {
      throw fail(file, "linux.devices", "is set, but extra device nodes from config.json are not supported yet", "remove it");
    }
    if (linux.rootfsPropagation() != null && !linux.rootfsPropagation().isEmpty()) {
      warnings.add("linux.rootfsPropagation is ignored (the container's mounts are private)");
    }
    SecurityOptions security = security(file, process.capabilities(), linux.seccomp(), warnings);
    Resources resources = resources(file, linux.resources(), warnings);

    // mounts
    List<MountSpec> mounts = new ArrayList<>();
    long shmSize = 0;
    for (int i = 0; i < oci.mounts().size(); i++) {
      OciSpec.Mount m = oci.mounts().get(i);
      String field = "mounts[" + i + "]";
      if (m.destination() == null || !m.destination().startsWith("/")) {
        throw fail(file, field + ".destination", "is " + quote(m.destination()) + ", not an absolute path",
            "use an absolute path in the container");
      }
      String dest = m.destination().replaceAll("/+$", "").isEmpty() ? "/" : m.destination().replaceAll("/+$", "");
      boolean bind = "bind".equals(m.type()) || m.options().contains("bind") || m.options().contains("rbind");
      String builtin = BUILTIN_MOUNTS.get(dest);
      if (!bind && builtin != null && builtin.equals(m.type())) {
        if (dest.equals("/dev/shm")) {
          shmSize = m.options().stream().filter(o -> o.startsWith("size=")).findFirst()
              .map(o -> size(file, field + ".options", o.substring(5))).orElse(0L);
        }
        continue; // jc-helper mounts it, with Docker's options
      }
      List<String> options = new ArrayList<>();
      boolean readOnly = false;
      for (String o : m.options()) {
        switch (o) {
          case "ro" -> readOnly = true;
          case "rw", "bind", "rbind", "private", "rprivate", "slave", "rslave", "shared", "rshared" -> { }
          default -> options.add(o);
        }
      }
      if (bind) {
        if (m.source() == null || m.source().isEmpty()) {
          throw fail(file, field + ".source", "is missing for a bind mount", "give the host path to mount");
        }
        Path source = bundle.resolve(m.source()).normalize();
        if (!Files.exists(source)) {
          throw fail(file, field + ".source", "is " + source + ", which does not exist", "create it, or fix the path");
        }
        if (!options.isEmpty()) {
          warnings.add(field + ": bind mount options " + options + " are ignored (only ro is honoured)");
        }
        mounts.add(MountSpec.bind(source.toString(), dest, readOnly));
      } else if ("tmpfs".equals(m.type())) {
        if (readOnly) {
          options.add("ro");
        }
        mounts.add(MountSpec.tmpfs(dest, options));
      } else {
        throw fail(file, field + ".type", "is " + quote(m.type()) + " at " + dest + ", which is not supported",
            "use a bind or tmpfs mount (proc, sysfs, devpts, mqueue and cgroup only at their usual places)");
      }
    }

    List<Ulimit> ulimits = new ArrayList<>();
    for (int i = 0; i < process.rlimits().size(); i++) {
      OciSpec.Rlimit r = process.rlimits().get(i);
      String type = r.type() == null ? "" : r.type();
      String name = type.startsWith("RLIMIT_") ? type.substring(7).toLowerCase(Locale.ROOT) : "";
      if (!Ulimit.NAMES.containsKey(name)) {
        throw fail(file, "process.rlimits[" + i + "].type", "is " + quote(r.type()) + ", not a resource limit",
            "use RLIMIT_NOFILE, RLIMIT_NPROC, RLIMIT_CORE, ...");
      }
      try {
        ulimits.add(new Ulimit(name, r.soft(), r.hard()));
      } catch (IllegalArgumentException e) {
        throw fail(file, "process.rlimits[" + i + "]", e.getMessage(), "make soft at most hard");
      }
    }
    List<Integer> gids = user.additionalGids().stream().map(Long::intValue).toList();
    String hostname = oci.hostname() == null ? "" : oci.hostname();
    try {
      RuntimeOptions options = RuntimeOptions.DEFAULT.withReadonlyRootfs(oci.root().readonly()).withShmSize(shmSize)
          .withUlimits(ulimits).withAdditionalGids(gids).withSysctls(linux.sysctl())
          .withOomScoreAdj(process.oomScoreAdj());
      ContainerSpec spec = new ContainerSpec(id, hostname, List.of(rootfs), stateDir, process.args(), process.env(), cwd,
          (int) user.uid(), (int) user.gid(), mounts, resources, newNetwork, security, false, options, joins);
      return new Result(spec, List.copyOf(warnings));
    } catch (IllegalArgumentException e) {
      throw new OciSpecException(file + ": " + e.getMessage() + "; fix config.json");
    }
  }

  private static SecurityOptions security(String file, OciSpec.Capabilities caps, com.fasterxml.jackson.databind.JsonNode seccomp,
      List<String> warnings) {
    List<String> bounding = caps == null || caps.bounding() == null ? List.of() : caps.bounding();
    for (int i = 0; i < bounding.size(); i++) {
      String c = bounding.get(i);
      String name = c == null ? "" : c.toUpperCase(Locale.ROOT).replaceFirst("^CAP_", "");
      try {
        dev.jcompose.runtime.Capability.valueOf(name);
      } catch (IllegalArgumentException e) {
        throw fail(file, "process.capabilities.bounding[" + i + "]", "is " + quote(c) + ", not a capability",
            "use names such as CAP_KILL, CAP_NET_BIND_SERVICE");
      }
    }
    if (caps != null) {
      for (List<String> set : java.util.Arrays.asList(caps.effective(), caps.permitted(), caps.ambient(), caps.inheritable())) {
        if (set != null && !Set.copyOf(bounding).containsAll(set)) {
          warnings.add("process.capabilities: only the bounding set is used (the process gets it as its effective and "
              + "permitted set); capabilities outside it are not granted");
          break;
        }
      }
    }
    SecurityOptions options = new SecurityOptions(bounding.stream().map(c -> c.toUpperCase(Locale.ROOT).replaceFirst("^CAP_", "")).toList(),
        List.of("ALL"), false);
    if (seccomp == null || seccomp.isNull()) {
      return options.withSeccomp(SecurityOptions.UNCONFINED); // OCI: no linux.seccomp, no filter
    }
    try {
      SecurityOptions withProfile = options.withSeccomp(seccomp.toString());
      withProfile.checkSeccompProfile();
      return withProfile;
    } catch (IllegalArgumentException e) {
      throw fail(file, "linux.seccomp", e.getMessage(), "fix the profile, or remove linux.seccomp to run without a filter");
    }
  }

  private static Resources resources(String file, OciSpec.Resources r, List<String> warnings) {
    if (r == null) {
      return Resources.NONE;
    }
    long memory = 0;
    long pids = 0;
    long quota = 0;
    long period = 0;
    long shares = 0;
    if (r.memory() != null) {
      memory = positive(file, "linux.resources.memory.limit", r.memory().limit());
      if (r.memory().reservation() != null || r.memory().swap() != null || r.memory().kernel() != null
          || r.memory().swappiness() != null) {
        warnings.add("linux.resources.memory: only limit is honoured (reservation, swap, kernel, swappiness are ignored)");
      }
    }
    if (r.pids() != null) {
      pids = positive(file, "linux.resources.pids.limit", r.pids().limit());
    }
    if (r.cpu() != null) {
      shares = positive(file, "linux.resources.cpu.shares", r.cpu().shares());
      quota = positive(file, "linux.resources.cpu.quota", r.cpu().quota());
      period = positive(file, "linux.resources.cpu.period", r.cpu().period());
      if (r.cpu().cpus() != null || r.cpu().mems() != null || r.cpu().realtimeRuntime() != null || r.cpu().realtimePeriod() != null) {
        warnings.add("linux.resources.cpu: only shares, quota and period are honoured");
      }
    }
    if (r.blockIO() != null || r.hugepageLimits() != null || r.network() != null) {
      warnings.add("linux.resources: blockIO, hugepageLimits and network are ignored");
    }
    boolean denyAll = r.devices() != null && r.devices().size() == 1 && !r.devices().get(0).path("allow").asBoolean(true)
        && !r.devices().get(0).has("major") && !r.devices().get(0).has("type"); // runc's default: deny all, then its own list
    if (r.devices() != null && !r.devices().isEmpty() && !denyAll) {
      warnings.add("linux.resources.devices: Docker's default device rules are applied instead");
    }
    try {
      return new Resources(memory, pids, quota, period, shares);
    } catch (IllegalArgumentException e) {
      throw fail(file, "linux.resources", e.getMessage(), "fix the limits");
    }
  }

  private static long positive(String file, String field, Long value) {
    if (value == null || value == -1) {
      return 0; // unset, or -1: unlimited
    }
    if (value < 0) {
      throw fail(file, field, "is " + value + ", a negative number", "use a positive number, or leave it out for no limit");
    }
    return value;
  }

  private static long size(String file, String field, String value) {
    java.util.regex.Matcher m = java.util.regex.Pattern.compile("(\\d+)([kmg]?)", java.util.regex.Pattern.CASE_INSENSITIVE)
        .matcher(value);
    if (!m.matches()) {
      throw fail(file, field, "has size=" + value + ", not a size", "use e.g. size=65536k");
    }
    long n = Long.parseLong(m.group(1));
    return switch (m.group(2).toLowerCase(Locale.ROOT)) {
      case "k" -> n * 1024;
      case "m" -> n * 1024 * 1024;
      case "g" -> n * 1024 * 1024 * 1024;
      default -> n;
    };
  }

  private static Path absolute(String file, String field, String path) {
    if (!path.startsWith("/")) {
      throw fail(file, field, "is " + quote(path) + ", not an absolute path", "give /proc/PID/ns/TYPE or a bind-mounted namespace file");
    }
    return Path.of(path);
  }

  static OciSpecException fail(String file, String field, String what, String todo) {
    return new OciSpecException(file + ": " + field + " " + what + "; " + todo);
  }

  private static String quote(String s) {
    return s == null ? "missing" : "\"" + s + "\"";
  }
}
