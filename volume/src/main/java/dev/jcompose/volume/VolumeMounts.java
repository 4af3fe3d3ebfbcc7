package dev.jcompose.volume;

import dev.jcompose.linux.HostMounts;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.logging.Logger;

/**
 * The host mounts of volumes with driver options ({@link LocalDriverOptions}), shared by the
 * containers that use them, as Docker's local driver does: mounted on the volume's _data when
 * the first of its containers starts, unmounted when the last one stops. Who holds a volume is
 * kept in memory; a restarted engine gives it back with {@link #restore}. Whether a volume is
 * mounted is read from the kernel each time, so a mount left by an earlier engine is reused,
 * never mounted twice.
 */
public final class VolumeMounts {
  private static final Logger LOG = Logger.getLogger(VolumeMounts.class.getName());
  private final VolumeStore store;
  private final HostMounts mounts;
  private final Map<String, Set<String>> holders = new HashMap<>();

  public VolumeMounts(VolumeStore store, HostMounts mounts) {
    this.store = store;
    this.mounts = mounts;
  }

  /** {@code holder} (a container id) is about to use the volume: mounts it when it is not mounted. */
  public synchronized void acquire(String volume, String holder) {
    VolumeInfo v = store.get(volume);
    LocalDriverOptions o = v.options();
    if (!o.mounts()) {
      return;
    }
    if (!mounts.isMountPoint(v.mountpoint())) {
      if (o.isBind() && !Files.isDirectory(Path.of(o.device()))) {
        throw new VolumeException(VolumeException.Kind.INVALID, "mount volume " + volume + ": its device " + o.device()
            + " does not exist on this host any more: create that directory, or remove the volume and create it anew", null);
      }
      try {
        mounts.mount(o.type(), o.device(), v.mountpoint(), o.o());
      } catch (RuntimeException e) {
        throw new VolumeException(VolumeException.Kind.IO, "mount volume " + volume + " (type=" + o.type() + ", device=" + o.device()
            + ", o=" + o.o() + ") on " + v.mountpoint() + ": " + e.getMessage()
            + " (check the volume's driver options: docker volume inspect " + volume + ")", e);
      }
    }
    holders.computeIfAbsent(volume, k -> new HashSet<>()).add(holder);
  }

  /** {@code holder} stopped using the volume: unmounts it when no one else holds it. Failures are logged. */
  public synchronized void release(String volume, String holder) {
    Set<String> h = holders.get(volume);
    if (h == null || !h.remove(holder) || !h.isEmpty()) {
      return;
    }
    holders.remove(volume);
    store.find(volume).filter(v -> v.options().mounts()).ifPresent(v -> {
      try {
        store.unmountAll(v);
      } catch (VolumeException e) {
        LOG.warning(e.getMessage());
      }
    });
  }

  /**
   * After an engine restart: {@code holdersByVolume} are the volumes the still running containers
   * use. A volume with driver options that is mounted but held by none is unmounted (its last
   * container stopped while the engine was away).
   */
  public synchronized void restore(Map<String, Set<String>> holdersByVolume) {
    holders.clear();
    holdersByVolume.forEach((v, h) -> {
      if (!h.isEmpty()) {
        holders.put(v, new HashSet<>(h));
      }
    });
    for (VolumeInfo v : store.list()) {
      if (v.options().mounts() && !holders.containsKey(v.name()) && mounts.isMountPoint(v.mountpoint())) {
        try {
          store.unmountAll(v);
        } catch (VolumeException e) {
          LOG.warning(e.getMessage());
        }
      }
    }
  }

  /** The containers holding the volume now (for tests and diagnostics). */
  public synchronized List<String> holdersOf(String volume) {
    return List.copyOf(holders.getOrDefault(volume, Set.of()));
  }
}
