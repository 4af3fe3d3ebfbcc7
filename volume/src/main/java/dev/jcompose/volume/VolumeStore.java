package dev.jcompose.volume;

import dev.jcompose.linux.AtomicFiles;
import dev.jcompose.linux.FileTrees;
import dev.jcompose.linux.HostMounts;
import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.TreeMap;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Named volumes of the local driver, as Docker keeps them: {@code <root>/volumes/<name>/_data}
 * holds the data and {@code <root>/volumes/<name>/volume.properties} the labels and driver
 * options. Removing a volume is the only way its data goes; the one other deletion is the
 * partial content an interrupted copy-up left (see {@link #beginCopyUp}).
 */
public final class VolumeStore {
  /** Docker's rule for volume names. */
  private static final Pattern VALID_NAME = Pattern.compile("[a-zA-Z0-9][a-zA-Z0-9_.-]+");
  private static final String META = "volume.properties";
  /** Beside _data while a copy-up fills it: present at start or use means the copy was cut short. */
  private static final String COPY_UP_MARKER = "copy-up.incomplete";
  private final Path root;
  private final HostMounts mounts;

  public VolumeStore(Path stateRoot) {
    this(stateRoot, HostMounts.onHost());
  }

  public VolumeStore(Path stateRoot, HostMounts mounts) {
    this.root = stateRoot.resolve("volumes");
    this.mounts = mounts;
  }

  /** Creates the volume, or returns the existing one of that name (as Docker does). */
  public VolumeInfo create(String name, String driver, Map<String, String> labels) {
    return create(name, driver, Map.of(), labels);
  }

  /**
   * Creates the volume with the local driver's options ({@link LocalDriverOptions}), or returns
   * the existing one of that name, whatever its options (as Docker does).
   */
  public synchronized VolumeInfo create(String name, String driver, Map<String, String> driverOpts, Map<String, String> labels) {
    if (name == null || !VALID_NAME.matcher(name).matches()) {
      throw new VolumeException(VolumeException.Kind.INVALID, "create " + name + ": \"" + name
          + "\" includes invalid characters for a local volume name, only \"[a-zA-Z0-9][a-zA-Z0-9_.-]\" are allowed", null);
    }
    if (driver != null && !driver.isEmpty() && !driver.equals("local")) {
      throw new VolumeException(VolumeException.Kind.INVALID, "create " + name + ": volume driver \"" + driver
          + "\" is not supported: jcompose has only the \"local\" driver", null);
    }
    Optional<VolumeInfo> existing = find(name);
    if (existing.isPresent()) {
      return existing.get();
    }
    LocalDriverOptions options = LocalDriverOptions.parse(name, driverOpts, LocalDriverOptions.kernelFilesystems());
    Path dir = root.resolve(name);
    try {
      Files.createDirectories(dir.resolve("_data"));
      Properties p = new Properties();
      p.setProperty("createdAt", Instant.now().toString());
      p.setProperty("driver", "local");
      labels.forEach((k, v) -> p.setProperty("label." + k, v));
      options.asMap().forEach((k, v) -> p.setProperty("opt." + k, v));
      StringWriter w = new StringWriter();
      p.store(w, null);
      AtomicFiles.write(dir.resolve(META), w.toString().getBytes(StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new VolumeException(VolumeException.Kind.IO, "create volume " + name + " in " + dir + ": " + e.getMessage(), e);
    }
    return find(name).orElseThrow();
  }

  public Optional<VolumeInfo> find(String name) {
    if (name == null || !VALID_NAME.matcher(name).matches()) {
      return Optional.empty();
    }
    Path dir = root.resolve(name);
    Path meta = dir.resolve(META);
    if (!Files.isRegularFile(meta)) {
      return Optional.empty();
    }
    try {
      Properties p = new Properties();
      p.load(new StringReader(Files.readString(meta)));
      Map<String, String> labels = new TreeMap<>();
      for (String k : p.stringPropertyNames()) {
        if (k.startsWith("label.")) {
          labels.put(k.substring("label.".length()), p.getProperty(k));
        }
      }
      LocalDriverOptions options = p.getProperty("opt.type") == null ? LocalDriverOptions.none()
          : new LocalDriverOptions(p.getProperty("opt.type"), p.getProperty("opt.device"), p.getProperty("opt.o", ""));
      return Optional.of(new VolumeInfo(name, p.getProperty("driver", "local"), dir.resolve("_data"),
          Instant.parse(p.getProperty("createdAt", Instant.EPOCH.toString())), labels, options));
    } catch (IOException | RuntimeException e) {
      throw new VolumeException(VolumeException.Kind.IO, "read volume " + name + " from " + meta + ": " + e.getMessage(), e);
    }
  }

  public VolumeInfo get(String name) {
    return find(name).orElseThrow(() -> new VolumeException(VolumeException.Kind.NOT_FOUND, "get " + name + ": no such volume", null));
  }

  public List<VolumeInfo> list() {
    if (!Files.isDirectory(root)) {
      return List.of();
    }
    List<VolumeInfo> out = new ArrayList<>();
    try (Stream<Path> dirs = Files.list(root)) {
      dirs.map(d -> d.getFileName().toString()).sorted().forEach(n -> find(n).ifPresent(out::add));
    } catch (IOException e) {
      throw new VolumeException(VolumeException.Kind.IO, "list volumes in " + root + ": " + e.getMessage(), e);
    }
    return out;
  }

  /**
   * Deletes the volume and its data. The caller checks first that no container uses it. A volume
   * with driver options is unmounted first: its data is the device's (a host directory for a
   * bind), and stays there; never is a mounted directory deleted.
   */
  public synchronized void remove(String name) {
    VolumeInfo v = get(name);
    Path dir = root.resolve(v.name());
    unmountAll(v);
    try {
      Files.delete(dir.resolve(META)); // first, so a half-removed volume is never listed
      FileTrees.deleteTree(dir);
    } catch (IOException e) {
      throw new VolumeException(VolumeException.Kind.IO, "remove volume " + name + " (" + dir + "): " + e.getMessage(), e);
    }
  }

  /** Unmounts whatever is mounted on the volume's _data (driver options); throws when something stays mounted. */
  public synchronized void unmountAll(VolumeInfo v) {
    try {
      for (int i = 0; i < 8 && mounts.isMountPoint(v.mountpoint()); i++) {
        mounts.unmount(v.mountpoint());
      }
    } catch (RuntimeException e) {
      throw new VolumeException(VolumeException.Kind.IO, "unmount volume " + v.name() + " from " + v.mountpoint() + ": "
          + e.getMessage() + " (a process on the host may be using it: stop it and try again)", e);
    }
    if (mounts.isMountPoint(v.mountpoint())) {
      throw new VolumeException(VolumeException.Kind.IO, "volume " + v.name() + " is still mounted at " + v.mountpoint()
          + " after umount: stop what holds it on the host, then try again", null);
    }
  }

  /**
   * Marks the start of a copy-up into the volume (a file beside _data, synced to disk): if the
   * engine dies before {@link #endCopyUp}, {@link #discardInterruptedCopyUp} finds the mark and
   * empties the volume, so that it is copied again at next use and never left half filled.
   */
  public void beginCopyUp(String name) {
    Path marker = root.resolve(get(name).name()).resolve(COPY_UP_MARKER);
    try {
      AtomicFiles.write(marker, (Instant.now() + "\n").getBytes(StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new VolumeException(VolumeException.Kind.IO, "copy the image's content into volume " + name
          + ": could not write " + marker + ": " + e.getMessage() + " (is the state root's disk full or read-only?)", e);
    }
  }

  /** The copy-up into the volume finished: removes the mark (synced). */
  public void endCopyUp(String name) {
    Path marker = root.resolve(get(name).name()).resolve(COPY_UP_MARKER);
    try {
      AtomicFiles.delete(marker);
    } catch (IOException e) {
      throw new VolumeException(VolumeException.Kind.IO, "finish the copy-up into volume " + name + ": could not remove "
          + marker + ": " + e.getMessage(), e);
    }
  }

  /**
   * When a copy-up into the volume was cut short (its mark is there): deletes what it copied, the
   * only content such a volume can have, since copy-up only fills an empty volume; then removes
   * the mark. A volume with driver options must be mounted first (else its device would not be
   * the one emptied). Returns whether anything was discarded.
   */
  public synchronized boolean discardInterruptedCopyUp(String name) {
    VolumeInfo v = get(name);
    Path marker = root.resolve(v.name()).resolve(COPY_UP_MARKER);
    if (!Files.exists(marker)) {
      return false;
    }
    try {
      FileTrees.deleteContents(v.mountpoint());
      AtomicFiles.delete(marker);
    } catch (IOException e) {
      throw new VolumeException(VolumeException.Kind.IO, "empty volume " + name + " after an interrupted copy-up: "
          + e.getMessage() + " (remove the volume, or empty " + v.mountpoint() + " and delete " + marker + ")", e);
    }
    return true;
  }

  /** Whether a copy-up into the volume was started and not finished. */
  public boolean copyUpInterrupted(String name) {
    return Files.exists(root.resolve(get(name).name()).resolve(COPY_UP_MARKER));
  }

  /** True when the volume's data directory has no entries: Docker copies image content into such a volume. */
  public boolean isEmpty(String name) {
    try (Stream<Path> s = Files.list(get(name).mountpoint())) {
      return s.findAny().isEmpty();
    } catch (IOException e) {
      throw new VolumeException(VolumeException.Kind.IO, "read volume " + name + ": " + e.getMessage(), e);
    }
  }
}
