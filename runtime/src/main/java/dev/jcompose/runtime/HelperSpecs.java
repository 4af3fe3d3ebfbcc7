package dev.jcompose.runtime;

import dev.jcompose.runtime.helper.HelperMount;
import dev.jcompose.runtime.helper.HelperRlimit;
import dev.jcompose.runtime.helper.HelperSpec;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Turns a {@link ContainerSpec} into the fully resolved {@link HelperSpec}: where the overlay
 * dirs, log and exit files go, Docker's defaults (hostname, PATH, capabilities, masked paths),
 * and mount options. The policy lives here; jc-helper only carries it out.
 */
final class HelperSpecs {
  private HelperSpecs() {}

  static HelperSpec of(ContainerSpec spec, ContainerFiles files) {
    return of(spec, files, spec.runtimeOptions().devices().stream().map(DeviceNode::resolve).toList());
  }

  /** With the container's devices already resolved against the host ({@link DeviceNode#resolve}). */
  static HelperSpec of(ContainerSpec spec, ContainerFiles files, List<DeviceNode> devices) {
    List<Path> overlayDirs = new ArrayList<>(spec.lowerDirs());
    overlayDirs.add(files.upperDir());
    overlayDirs.add(files.workDir());
    for (Path dir : overlayDirs) {
      if (dir.toString().matches(".*[,:\\\\].*")) {
        throw new IllegalArgumentException("container " + spec.id() + ": " + dir
            + " contains ',', ':' or '\\', which overlayfs mount options cannot carry; use a state root and image store without them");
      }
    }
    Set<Capability> capabilities = capabilities(spec);
    RuntimeOptions options = spec.runtimeOptions();
    try {
      RuntimeOptions.checkSysctls(options.sysctls(), spec.newNetwork());
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("container " + spec.id() + ": " + e.getMessage(), e);
    }
    Map<String, String> sysctls = new LinkedHashMap<>();
    options.sysctls().forEach((name, value) -> sysctls.put(RuntimeOptions.sysctlPath(name), value));
    return new HelperSpec(
        spec.lowerDirs(),
        files.upperDir(),
        files.workDir(),
        files.mergedDir(),
        spec.hostname().isEmpty() ? spec.id().substring(0, Math.min(12, spec.id().length())) : spec.hostname(),
        spec.workingDir(),
        spec.uid(),
        spec.gid(),
        spec.args(),
        withDefaultPath(spec.env()),
        spec.mounts().stream().map(HelperSpecs::mount).toList(),
        spec.security().privileged() ? List.of() : SecurityDefaults.MASKED_PATHS, // privileged: as Docker, nothing hidden
        spec.security().privileged() ? List.of() : SecurityDefaults.READONLY_PATHS,
        Capability.mask(capabilities),
        spec.newNetwork(),
        spec.init(),
        seccompFilter(spec, capabilities),
        files.logFile(),
        files.exitFile(),
        options.readonlyRootfs(),
        options.effectiveShmSize(),
        sysctls,
        rlimits(options.ulimits()),
        options.additionalGids(),
        options.oomScoreAdj(),
        spec.sharedNamespaces().stream().map(j -> j.path() == null ? j.type() : j.type() + "\t" + j.path()).toList(),
        devices.stream().map(DeviceNode::helperLine).toList(),
        options.logMaxSize(),
        options.logMaxFiles());
  }

  /** Whether the container runs under a {@code security_opt} seccomp profile rather than the default filter or none. */
  static boolean hasProfile(ContainerSpec spec) {
    String seccomp = spec.security().seccomp();
    return !spec.security().privileged() && seccomp != null && !seccomp.equals(SecurityOptions.UNCONFINED);
  }

  /** Privileged or {@code seccomp=unconfined}: none, as Docker; a profile compiled; else Docker's default filter. */
  private static String seccompFilter(ContainerSpec spec, Set<Capability> capabilities) {
    if (spec.security().privileged() || SecurityOptions.UNCONFINED.equals(spec.security().seccomp())) {
      return "";
    }
    if (!hasProfile(spec)) {
      return SeccompFilter.hex(capabilities);
    }
    try {
      return SeccompProfile.hex(spec.security().seccomp(), capabilities, System.getProperty("os.version"));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("container " + spec.id() + ": security_opt seccomp: " + e.getMessage(), e);
    }
  }

  static List<HelperRlimit> rlimits(List<Ulimit> ulimits) {
    return ulimits.stream().map(u -> new HelperRlimit(u.resource(), u.soft(), u.hard())).toList();
  }

  private static Set<Capability> capabilities(ContainerSpec spec) {
    try {
      return spec.security().capabilities();
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("container " + spec.id() + ": " + e.getMessage(), e);
    }
  }

  static List<String> withDefaultPath(List<String> env) {
    if (env.stream().anyMatch(e -> e.startsWith("PATH="))) {
      return env;
    }
    List<String> withPath = new ArrayList<>(env);
    withPath.add(SecurityDefaults.DEFAULT_PATH);
    return withPath;
  }

  private static HelperMount mount(MountSpec m) {
    List<String> options = new ArrayList<>();
    if (m.readOnly()) {
      options.add("ro");
    }
    options.addAll(m.options());
    String opts = String.join(",", options);
    return switch (m.kind()) {
      case BIND -> new HelperMount("bind", m.source(), m.target(), opts);
      case TMPFS -> new HelperMount("tmpfs", "tmpfs", m.target(), opts);
    };
  }
}
