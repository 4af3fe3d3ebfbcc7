package dev.jcompose.engine.containers;

import dev.jcompose.api.model.HostConfig;
import dev.jcompose.api.model.Mount;
import dev.jcompose.engine.http.ApiException;
import dev.jcompose.linux.FileTrees;
import dev.jcompose.linux.HostCommandException;
import dev.jcompose.runtime.MountSpec;
import dev.jcompose.volume.VolumeInfo;
import dev.jcompose.volume.VolumeStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Turns a container's {@code Binds}, {@code Mounts}, {@code Tmpfs} and the image's declared
 * volumes into host mounts. Named volumes are created when missing; an empty volume receives
 * the image's content at its mount point (Docker's copy-up) unless NoCopy is set.
 */
public final class MountPlanner {
  private final VolumeStore volumes;

  public MountPlanner(VolumeStore volumes) {
    this.volumes = volumes;
  }

  /** One mount, resolved. {@code volume} is the volume's name for volume mounts, else null. */
  public record PlannedMount(String type, String volume, Path source, String target, boolean readOnly, boolean noCopy) {}

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
      hc.tmpfs().forEach((target, opts) -> byTarget.put(target, new PlannedMount("tmpfs", null, null, target, false, true)));
    }
    if (imageVolumes != null) {
      for (String target : imageVolumes.keySet()) {
        byTarget.computeIfAbsent(target, t -> anonymous(t, anonymousLabels));
      }
    }
    return new ArrayList<>(byTarget.values());
  }

  /** Fills empty volumes from the image and returns the runtime's mount list. */
  public List<MountSpec> prepare(List<PlannedMount> planned, List<Path> layersBottomFirst) {
    List<MountSpec> out = new ArrayList<>();
    for (PlannedMount m : planned) {
      switch (m.type()) {
        case "volume" -> {
          VolumeInfo v = volumes.find(m.volume()).orElseGet(() -> volumes.create(m.volume(), "local", Map.of()));
          if (!m.noCopy() && volumes.isEmpty(v.name())) {
            copyUp(layersBottomFirst, m.target(), v.mountpoint());
          }
          out.add(MountSpec.bind(v.mountpoint().toString(), m.target(), m.readOnly()));
        }
        case "bind" -> {
          if (!Files.exists(m.source())) {
            try {
              Files.createDirectories(m.source()); // Docker creates a missing bind source as a directory
            } catch (java.io.IOException e) {
              throw ApiException.badRequest("invalid mount config: bind source path " + m.source() + " does not exist and cannot be created: " + e.getMessage());
            }
          }
          out.add(MountSpec.bind(m.source().toString(), m.target(), m.readOnly()));
        }
        case "tmpfs" -> out.add(MountSpec.tmpfs(m.target(), m.readOnly() ? List.of("ro") : List.of()));
        default -> throw ApiException.badRequest("mount type " + m.type() + " is not supported");
      }
    }
    return out;
  }

  private static void copyUp(List<Path> layersBottomFirst, String target, Path into) {
    String rel = target.replaceFirst("^/+", "");
    for (Path layer : layersBottomFirst) {
      Path src = layer.resolve(rel);
      if (!rel.isEmpty() && Files.isDirectory(src)) {
        try {
          FileTrees.copyContents(src, into);
        } catch (HostCommandException e) {
          throw new ApiException(500, "could not copy the image's " + target + " into its new volume: " + e.getMessage(), e);
        }
      }
    }
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
      case "volume" -> m.source() == null || m.source().isEmpty()
          ? anonymous(m.target(), anonymousLabels)
          : new PlannedMount("volume", m.source(), null, m.target(), ro,
              m.volumeOptions() != null && Boolean.TRUE.equals(m.volumeOptions().noCopy()));
      case "bind" -> {
        if (m.source() == null || !m.source().startsWith("/")) {
          throw ApiException.badRequest("invalid mount config for type \"bind\": the source must be an absolute host path, got " + m.source());
        }
        yield new PlannedMount("bind", null, Path.of(m.source()), m.target(), ro, true);
      }
      case "tmpfs" -> new PlannedMount("tmpfs", null, null, m.target(), ro, true);
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
