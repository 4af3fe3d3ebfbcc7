package dev.jcompose.volume;

import dev.jcompose.linux.AtomicFiles;
import dev.jcompose.linux.FileTrees;
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
 * holds the data and {@code <root>/volumes/<name>/volume.properties} the labels. Removing a
 * volume is the only way its data goes; nothing here deletes data implicitly.
 */
public final class VolumeStore {
  /** Docker's rule for volume names. */
  private static final Pattern VALID_NAME = Pattern.compile("[a-zA-Z0-9][a-zA-Z0-9_.-]+");
  private static final String META = "volume.properties";
  private final Path root;

  public VolumeStore(Path stateRoot) {
    this.root = stateRoot.resolve("volumes");
  }

  /** Creates the volume, or returns the existing one of that name (as Docker does). */
  public synchronized VolumeInfo create(String name, String driver, Map<String, String> labels) {
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
    Path dir = root.resolve(name);
    try {
      Files.createDirectories(dir.resolve("_data"));
      Properties p = new Properties();
      p.setProperty("createdAt", Instant.now().toString());
      p.setProperty("driver", "local");
      labels.forEach((k, v) -> p.setProperty("label." + k, v));
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
      return Optional.of(new VolumeInfo(name, p.getProperty("driver", "local"), dir.resolve("_data"),
          Instant.parse(p.getProperty("createdAt", Instant.EPOCH.toString())), labels));
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

  /** Deletes the volume and its data. The caller checks first that no container uses it. */
  public synchronized void remove(String name) {
    Path dir = root.resolve(get(name).name());
    try {
      Files.delete(dir.resolve(META)); // first, so a half-removed volume is never listed
      FileTrees.deleteTree(dir);
    } catch (IOException e) {
      throw new VolumeException(VolumeException.Kind.IO, "remove volume " + name + " (" + dir + "): " + e.getMessage(), e);
    }
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
