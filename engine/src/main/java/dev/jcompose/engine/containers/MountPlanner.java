package dev.jcompose.engine.containers;

import dev.jcompose.api.model.HostConfig;
import dev.jcompose.api.model.Mount;
import dev.jcompose.engine.FaultInjection;
import dev.jcompose.engine.http.ApiException;
import dev.jcompose.engine.volumes.VolumeService;
import dev.jcompose.linux.FileTrees;
import dev.jcompose.linux.HostCommandException;
import dev.jcompose.runtime.MountSpec;
import dev.jcompose.volume.VolumeException;
import dev.jcompose.volume.VolumeInfo;
import dev.jcompose.volume.VolumeMounts;
import dev.jcompose.volume.VolumeStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * Turns a container's {@code Binds}, {@code Mounts}, {@code Tmpfs} and the image's declared
 * volumes into host mounts. Named volumes are created when missing; an empty volume receives
 * the image's content at its mount point (Docker's copy-up) unless NoCopy is set. A legacy
 * {@code Binds} entry creates a missing source directory; a {@code Mounts} bind refuses one
 * unless {@code BindOptions.CreateMountpoint} is set, as Docker does.
 */
public final class MountPlanner {
  private final VolumeStore volumes;
  private final VolumeMounts volumeMounts;
  private final Map<String, Object> copyLocks = new java.util.concurrent.ConcurrentHashMap<>();

  public MountPlanner(VolumeStore volumes, VolumeMounts volumeMounts) {
    this.volumes = volumes;
    this.volumeMounts = volumeMounts;
  }

  /**
   * One mount, resolved. {@code volume} is the volume's name for volume mounts, else null.
   *
   * @param sourceMustExist a bind whose missing source is refused instead of created
   * @param subpath the directory inside the volume mounted instead of its root, or null
   * @param options a tmpfs's mount options ({@code size=...}, {@code mode=...}, flags), else empty
   */
  public record PlannedMount(String type, String volume, Path source, String target, boolean readOnly, boolean noCopy,
      boolean sourceMustExist, String subpath, List<String> options) {
    public PlannedMount {
      options = options == null ? List.of() : List.copyOf(options);
    }

    public PlannedMount(String type, String volume, Path source, String target, boolean readOnly, boolean noCopy) {
      this(type, volume, source, target, readOnly, noCopy, false, null, List.of());
    }

    /** The same mount for a container that takes it over ({@code VolumesFrom}): never copied up again. */
    PlannedMount inherited(boolean ro) {
      return new PlannedMount(type, volume, source, target, ro, true, sourceMustExist, subpath, options);
    }
  }

  /** Parses the mounts a create request asks for; creates the named and anonymous volumes they need. */
  public List<PlannedMount> plan(HostConfig hc, Map<String, Object> imageVolumes, Map<String, String> anonymousLabels) {
    Map<String, PlannedMount> byTarget = new LinkedHashMap<>();
    if (hc != null && hc.binds() != null) {
      for (String bind : hc.binds()) {
        PlannedMount m = parseBind(bind);
        byTarget.put(m.target(), m);
      }
    }
    if (hc != null && hc.mounts() != null) {
      for (Mount m : hc.mounts()) {
        PlannedMount p = fromMount(m, anonymousLabels);
        byTarget.put(p.target(), p);
      }
    }
    if (hc != null && hc.tmpfs() != null) {
      hc.tmpfs().forEach((target, opts) -> byTarget.put(target,
          new PlannedMount("tmpfs", null, null, target, false, true, false, null, TmpfsOptions.parse(target, opts))));
    }
    if (imageVolumes != null) {
      for (String target : imageVolumes.keySet()) {
        byTarget.computeIfAbsent(target, t -> anonymous(t, anonymousLabels));
      }
    }
    return new ArrayList<>(byTarget.values());
  }

  /**
   * Mounts the volumes with driver options for container {@code holder}, fills empty volumes
   * from the image and returns the runtime's mount list. On failure, what it mounted is released.
   */
  public List<MountSpec> prepare(String holder, List<PlannedMount> planned, List<Path> layersBottomFirst) {
    List<MountSpec> out = new ArrayList<>();
    try {
      for (PlannedMount m : planned) {
        out.add(prepare(holder, m, layersBottomFirst));
      }
    } catch (RuntimeException e) {
      release(holder, planned);
      throw e;
    }
    return out;
  }

  private MountSpec prepare(String holder, PlannedMount m, List<Path> layersBottomFirst) {
    switch (m.type()) {
      case "volume" -> {
        VolumeInfo v;
        try {
          v = volumes.find(m.volume()).orElseGet(() -> volumes.create(m.volume(), "local", Map.of()));
          volumeMounts.acquire(v.name(), holder);
        } catch (VolumeException e) {
          throw VolumeService.map(e);
        }
        // one container at a time fills a volume: another one starting with it waits, then finds it full
        synchronized (copyLocks.computeIfAbsent(v.name(), k -> new Object())) {
          try {
            volumes.discardInterruptedCopyUp(v.name()); // a copy-up an earlier engine did not finish: empty again, copied below
          } catch (VolumeException e) {
            throw VolumeService.map(e);
          }
          if (m.subpath() != null && !m.subpath().isEmpty()) {
            return MountSpec.bind(subpathSource(v, m.subpath()).toString(), m.target(), m.readOnly());
          }
          if (!m.noCopy() && volumes.isEmpty(v.name())) {
            copyUp(v, layersBottomFirst, m.target());
          }
        }
        return MountSpec.bind(v.mountpoint().toString(), m.target(), m.readOnly());
      }
      case "bind" -> {
        if (!Files.exists(m.source())) {
          if (m.sourceMustExist()) {
            throw missingBindSource(m.source());
          }
          try {
            Files.createDirectories(m.source()); // Docker creates a missing legacy bind source as a directory
          } catch (IOException e) {
            throw ApiException.badRequest("invalid mount config: bind source path " + m.source() + " does not exist and cannot be created: " + e.getMessage());
          }
        }
        return MountSpec.bind(m.source().toString(), m.target(), m.readOnly());
      }
      case "tmpfs" -> {
        List<String> opts = new ArrayList<>(m.options());
        if (m.readOnly() && !opts.contains("ro")) {
          opts.add(0, "ro");
        }
        return MountSpec.tmpfs(m.target(), opts);
      }
      default -> throw ApiException.badRequest("mount type " + m.type() + " is not supported");
    }
  }

  /**
   * Mounts the volumes with driver options among {@code planned} for {@code holder} (a copy into or
   * out of a stopped container), so that it sees their devices; undone by {@link #release}.
   */
  public void acquireVolumes(String holder, List<PlannedMount> planned) {
    try {
      for (PlannedMount m : planned) {
        if ("volume".equals(m.type()) && volumes.find(m.volume()).isPresent()) {
          volumeMounts.acquire(m.volume(), holder);
        }
      }
    } catch (VolumeException e) {
      release(holder, planned);
      throw VolumeService.map(e);
    }
  }

  /** The host directory a volume mount shows: the volume's _data or its subpath; empty when there is none. */
  public java.util.Optional<Path> volumeSource(PlannedMount m) {
    return volumes.find(m.volume()).flatMap(v -> {
      if (m.subpath() == null || m.subpath().isEmpty()) {
        return java.util.Optional.of(v.mountpoint());
      }
      try {
        return java.util.Optional.of(subpathSource(v, m.subpath()));
      } catch (ApiException e) {
        return java.util.Optional.empty();
      }
    });
  }

  /** Container {@code holder} no longer uses its volumes: those with driver options are unmounted by their last user. */
  public void release(String holder, List<PlannedMount> planned) {
    for (PlannedMount m : planned) {
      if ("volume".equals(m.type())) {
        volumeMounts.release(m.volume(), holder);
      }
    }
  }

  /**
   * Copies the image's content at {@code target} into the empty volume, between a mark written
   * before and removed after, so that an engine killed meanwhile leaves a volume that the next
   * use empties and fills again ({@link VolumeStore#discardInterruptedCopyUp}).
   */
  private void copyUp(VolumeInfo v, List<Path> layersBottomFirst, String target) {
    String rel = target.replaceFirst("^/+", "");
    List<Path> sources = rel.isEmpty() ? List.of()
        : layersBottomFirst.stream().map(l -> l.resolve(rel)).filter(Files::isDirectory).toList();
    if (sources.isEmpty()) {
      return;
    }
    try {
      volumes.beginCopyUp(v.name());
      for (Path src : sources) {
        if (FaultInjection.enabled(FaultInjection.COPY_UP_HALT)) {
          copyFirstEntry(src, v.mountpoint());
          FaultInjection.halt(FaultInjection.COPY_UP_HALT, "in the middle of the copy-up of " + target + " into volume " + v.name());
        }
        FileTrees.copyContents(src, v.mountpoint());
      }
      volumes.endCopyUp(v.name());
    } catch (HostCommandException e) {
      throw new ApiException(500, "could not copy the image's " + target + " into its new volume " + v.name() + ": " + e.getMessage()
          + " (the volume is emptied and filled again at its next use)", e);
    } catch (VolumeException e) {
      throw VolumeService.map(e);
    }
  }

  /** For the fault injection: a copy cut short after the first entry. */
  private static void copyFirstEntry(Path src, Path into) {
    try (Stream<Path> s = Files.list(src)) {
      s.sorted().findFirst().ifPresent(p -> FileTrees.copy(p, into.resolve(p.getFileName().toString())));
    } catch (IOException e) {
      throw new HostCommandException("listing " + src + ": " + e.getMessage(), List.of("ls", src.toString()), -1, "", e);
    }
  }

  /**
   * The host directory of {@code subpath} in the volume: it must exist, and resolve (symbolic
   * links followed) inside the volume. The subpath's form was checked at create.
   */
  static Path subpathSource(VolumeInfo v, String subpath) {
    try {
      Path base = v.mountpoint().toRealPath();
      Path real = base.resolve(subpath).toRealPath();
      if (!real.startsWith(base)) {
        throw ApiException.badRequest("invalid mount config: subpath \"" + subpath + "\" of volume " + v.name()
            + " resolves to " + real + ", outside the volume (through a symbolic link): mount a directory inside the volume");
      }
      return real;
    } catch (NoSuchFileException e) {
      throw ApiException.badRequest("invalid mount config: subpath \"" + subpath + "\" does not exist in volume " + v.name()
          + ": create that directory in the volume first (from a container that mounts the whole volume)");
    } catch (IOException e) {
      throw ApiException.badRequest("invalid mount config: subpath \"" + subpath + "\" of volume " + v.name() + ": " + e.getMessage());
    }
  }

  /** Docker's rule: a subpath is a relative path within the volume, no "..", not absolute. */
  static void checkSubpath(String subpath, String target) {
    if (subpath == null || subpath.isEmpty()) {
      return;
    }
    boolean up = Stream.of(subpath.split("/")).anyMatch(".."::equals);
    if (subpath.startsWith("/") || up) {
      throw ApiException.badRequest("invalid mount config for " + target + ": subpath \"" + subpath
          + "\" must be a relative path within the volume (no leading /, no ..)");
    }
  }

  static ApiException missingBindSource(Path source) {
    return ApiException.badRequest("invalid mount config for type \"bind\": bind source path does not exist: " + source
        + " (create it on the host first, or let it be created: a Binds entry, or BindOptions.CreateMountpoint;"
        + " in Compose, the short syntax or bind.create_host_path: true)");
  }

  PlannedMount parseBind(String bind) {
    String[] parts = bind.split(":");
    if (parts.length < 2 || parts.length > 3 || parts[0].isEmpty() || !parts[1].startsWith("/")) {
      throw ApiException.badRequest("invalid volume specification: '" + bind + "' (expected SOURCE:TARGET[:ro|rw], TARGET absolute)");
    }
    boolean ro = false;
    boolean noCopy = false;
    if (parts.length == 3) {
      for (String opt : parts[2].split(",")) {
        switch (opt) {
          case "ro" -> ro = true;
          case "rw", "z", "Z", "rprivate", "private", "rslave", "slave", "rshared", "shared", "" -> { }
          case "nocopy" -> noCopy = true;
          default -> throw ApiException.badRequest("invalid mode: " + opt + " in volume specification '" + bind + "'");
        }
      }
    }
    if (parts[0].startsWith("/")) {
      return new PlannedMount("bind", null, Path.of(parts[0]), parts[1], ro, true);
    }
    return new PlannedMount("volume", parts[0], null, parts[1], ro, noCopy);
  }

  private PlannedMount fromMount(Mount m, Map<String, String> anonymousLabels) {
    if (m.target() == null || !m.target().startsWith("/")) {
      throw ApiException.badRequest("invalid mount config: the target of a mount must be an absolute path, got " + m.target());
    }
    boolean ro = Boolean.TRUE.equals(m.readOnly());
    String type = m.type() == null ? "volume" : m.type();
    return switch (type) {
      case "volume" -> {
        Mount.VolumeOptions vo = m.volumeOptions();
        String subpath = vo == null ? null : vo.subpath();
        checkSubpath(subpath, m.target());
        yield m.source() == null || m.source().isEmpty()
            ? anonymous(m.target(), anonymousLabels)
            : new PlannedMount("volume", m.source(), null, m.target(), ro, vo != null && Boolean.TRUE.equals(vo.noCopy()),
                false, subpath == null || subpath.isEmpty() ? null : subpath, List.of());
      }
      case "bind" -> {
        if (m.source() == null || !m.source().startsWith("/")) {
          throw ApiException.badRequest("invalid mount config for type \"bind\": the source must be an absolute host path, got " + m.source());
        }
        boolean create = m.bindOptions() != null && Boolean.TRUE.equals(m.bindOptions().createMountpoint());
        Path source = Path.of(m.source());
        if (!create && !Files.exists(source)) {
          throw missingBindSource(source); // Docker refuses it at create
        }
        yield new PlannedMount("bind", null, source, m.target(), ro, true, !create, null, List.of());
      }
      case "tmpfs" -> new PlannedMount("tmpfs", null, null, m.target(), ro, true, false, null, TmpfsOptions.of(m.tmpfsOptions()));
      default -> throw ApiException.badRequest("invalid mount config: mount type \"" + type + "\" is not supported (volume, bind, tmpfs)");
    };
  }

  private PlannedMount anonymous(String target, Map<String, String> labels) {
    String name = UUID.randomUUID().toString().replace("-", "") + UUID.randomUUID().toString().replace("-", "");
    Map<String, String> l = new LinkedHashMap<>(labels);
    l.put("com.docker.volume.anonymous", "");
    volumes.create(name, "local", l);
    return new PlannedMount("volume", name, null, target, false, false);
  }
}
