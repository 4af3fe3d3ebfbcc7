package dev.jcompose.image;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.jcompose.image.layer.LayerScan;
import dev.jcompose.image.layer.LayerUnpacker;
import dev.jcompose.linux.AtomicFiles;
import dev.jcompose.linux.FileTrees;
import dev.jcompose.linux.tar.ArchivedLayer;
import dev.jcompose.linux.tar.LayerArchiver;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * The local, content-addressed image store under {@code <root>/images}:
 * <pre>
 *   blobs/sha256/&lt;hex&gt;     layer tarballs and image configs, named by the sha256 of their bytes
 *   layers/&lt;hex&gt;/          a layer unpacked, named by its diff id (the sha256 of the uncompressed tar)
 *   repositories.json       canonical name:tag → image id
 *   imagedb/&lt;hex&gt;         one empty file per image that was ever tagged (so an untagged one is "dangling", not lost)
 *   layer-blobs/&lt;hex&gt;     per diff id, the blobs that hold the layer: "digest compression size" lines
 * </pre>
 * Build steps store untagged intermediate images too; they are not listed, and an image whose
 * layers were removed is no image ({@link #get} finds nothing).
 * An image id is the sha256 of its config, as in Docker.
 */
public final class ImageStore {
  private static final ObjectMapper JSON = JsonMapper.builder().enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS).build();
  /** How long a layer unpacked or committed for an image not stored yet (a pull or build under way) is kept from removal. */
  private static final long PIN_MILLIS = 3_600_000;
  private final Path root;
  /** Layers (diff ids) a pull or build has made whose image config is not stored yet, and since when. */
  private final Map<String, Long> pins = new java.util.concurrent.ConcurrentHashMap<>();

  public ImageStore(Path stateRoot) {
    this.root = stateRoot.resolve("images");
  }

  /**
   * Imports a root filesystem tarball as a one-layer image and tags it {@code reference}, like
   * {@code docker import}. The tar is streamed to disk while it is hashed; nothing is kept when
   * it is not a readable tar.
   */
  public synchronized Image importRootfs(InputStream tarball, ImageReference reference, ImageConfig.Config defaults, String comment) {
    try {
      Files.createDirectories(blobs());
      Path tmp = Files.createTempFile(blobs(), ".import-", ".tar");
      try {
        Digest blobDigest = Digest.parse(copyHashing(tarball, tmp));
        Digest diffId = unpackLayer(tmp, null);
        ImageConfig config = new ImageConfig(Instant.now().toString(), "amd64", "linux",
            defaults == null ? ImageConfig.Config.empty() : defaults,
            new ImageConfig.RootFs("layers", List.of(diffId.toString())),
            List.of(new ImageConfig.History(Instant.now().toString(), "jcompose import", comment)));
        String id = putConfig(config);
        Files.move(tmp, blobPath(blobDigest), StandardCopyOption.REPLACE_EXISTING);
        recordLayerBlob(diffId, blobDigest);
        tag(id, reference);
        return get(id).orElseThrow();
      } finally {
        Files.deleteIfExists(tmp);
      }
    } catch (IOException e) {
      throw new ImageException(ImageException.Kind.IO, "import " + reference + ": " + e.getMessage(), e);
    }
  }

  /** Finds an image by name ({@code busybox}, {@code busybox:latest}), full id or unique id prefix. */
  public Optional<Image> find(String nameOrId) {
    String key = nameOrId.startsWith("sha256:") ? nameOrId.substring(7) : nameOrId;
    if (key.matches("[0-9a-f]{12,64}")) {
      Optional<Image> byId = findByIdPrefix(key);
      if (byId.isPresent()) {
        return byId;
      }
    }
    ImageReference ref;
    try {
      ref = ImageReference.parse(nameOrId);
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
    String id = repositories().get(ref.canonical());
    return id == null ? Optional.empty() : get(id);
  }

  public Image require(String nameOrId) {
    return find(nameOrId).orElseThrow(() -> new ImageException(ImageException.Kind.NOT_FOUND,
        "No such image: " + nameOrId + " (pull it with `jcompose image pull " + nameOrId + "`, or import a root filesystem with "
            + "`jcompose image import FILE.tar " + nameOrId + "`)", null));
  }

  public List<Image> list() {
    Map<String, List<String>> tagsById = tagsById();
    List<Image> out = new ArrayList<>();
    for (String id : tagsById.keySet()) {
      get(id).ifPresent(out::add);
    }
    return out;
  }

  /** Reads image {@code id} ("sha256:hex"). */
  public Optional<Image> get(String id) {
    String hex = id.startsWith("sha256:") ? id.substring(7) : id;
    Path cfg = blobs().resolve(hex);
    if (!hex.matches("[0-9a-f]{64}") || !Files.isRegularFile(cfg)) {
      return Optional.empty();
    }
    try {
      ImageConfig config = JSON.readValue(cfg.toFile(), ImageConfig.class);
      List<Path> layers = new ArrayList<>();
      long size = 0;
      for (String diffId : config.rootfs().diffIds()) {
        Path dir = layersDir().resolve(diffId.substring("sha256:".length()));
        if (!Files.isDirectory(dir)) {
          return Optional.empty(); // its layers were removed (an intermediate build image whose last user went)
        }
        layers.add(dir);
        Path sizeFile = dir.resolveSibling(dir.getFileName() + ".size");
        if (Files.exists(sizeFile)) {
          size += Long.parseLong(Files.readString(sizeFile).strip());
        }
      }
      List<String> tags = tagsById().getOrDefault("sha256:" + hex, List.of());
      return Optional.of(new Image("sha256:" + hex, tags, config, layers, size));
    } catch (IOException e) {
      throw new ImageException(ImageException.Kind.IO, "read image " + id + ": " + e.getMessage(), e);
    }
  }

  private Optional<Image> findByIdPrefix(String prefix) {
    List<String> matches = tagsById().keySet().stream().filter(id -> id.substring(7).startsWith(prefix)).toList();
    return matches.size() == 1 ? get(matches.get(0)) : Optional.empty();
  }

  /** Stores {@code config} (keys in a stable order) and returns the image id, the sha256 of its bytes. */
  public String putImage(ImageConfig config) {
    try {
      return putConfig(config);
    } catch (IOException e) {
      throw new ImageException(ImageException.Kind.IO, "store an image config: " + e.getMessage(), e);
    }
  }

  private String putConfig(ImageConfig config) throws IOException {
    return putConfig(JSON.writeValueAsBytes(config));
  }

  /**
   * Stores an image config exactly as given (as a registry served it, so the image id is the
   * config's digest, as in Docker) and returns the image id. Refuses a config jcompose cannot read.
   */
  public String putConfig(byte[] bytes) throws IOException {
    ImageConfig config = JSON.readValue(bytes, ImageConfig.class);
    if (config.rootfs() == null || config.rootfs().diffIds() == null) {
      throw new ImageException(ImageException.Kind.INVALID, "the image config has no rootfs.diff_ids", null);
    }
    Digest id = Digest.of(bytes);
    if (!Files.exists(blobPath(id))) {
      AtomicFiles.write(blobPath(id), bytes);
    }
    config.rootfs().diffIds().forEach(pins::remove);
    return id.toString();
  }

  /** Points {@code reference} at image {@code id}. */
  public synchronized void tag(String id, ImageReference reference) throws IOException {
    Map<String, String> repos = new TreeMap<>(repositories());
    repos.put(reference.canonical(), id);
    markKnown(id);
    AtomicFiles.write(root.resolve("repositories.json"), JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(repos));
  }

  /** The image {@code reference} names now, if any (its id). */
  public Optional<String> idOf(ImageReference reference) {
    return Optional.ofNullable(repositories().get(reference.canonical()));
  }

  private Map<String, String> repositories() {
    Path f = root.resolve("repositories.json");
    if (!Files.exists(f)) {
      return Map.of();
    }
    try {
      return JSON.readValue(f.toFile(), new TypeReference<TreeMap<String, String>>() {});
    } catch (IOException e) {
      throw new ImageException(ImageException.Kind.IO, "read " + f + ": " + e.getMessage(), e);
    }
  }

  private Map<String, List<String>> tagsById() {
    Map<String, List<String>> out = new TreeMap<>();
    repositories().forEach((name, id) ->
        out.computeIfAbsent(id, k -> new ArrayList<>()).add(ImageReference.parse(name).familiar()));
    return out;
  }

  /**
   * Unpacks the layer blob {@code blob} into its snapshot directory (named by its diff id),
   * unless a snapshot of the same content exists. A layer whose content differs from
   * {@code expectedDiffId} (when given) or that is hostile is refused. Returns its diff id.
   */
  public Digest unpackLayer(Path blob, Digest expectedDiffId) throws IOException {
    Files.createDirectories(layersDir());
    if (expectedDiffId != null && hasLayer(expectedDiffId)) {
      return expectedDiffId;
    }
    if (expectedDiffId != null) {
      pin(expectedDiffId);
    }
    LayerScan scan = LayerUnpacker.unpack(blob, expectedDiffId, layersDir());
    pin(scan.diffId());
    recordBlobIfStored(scan.diffId(), blob);
    Path sizeFile = layersDir().resolve(scan.diffId().hex() + ".size");
    if (!Files.exists(sizeFile)) {
      AtomicFiles.write(sizeFile, Long.toString(directorySize(layerDir(scan.diffId()))).getBytes(java.nio.charset.StandardCharsets.US_ASCII));
    }
    return scan.diffId();
  }

  /**
   * Makes directory {@code dir} — a layer in overlayfs form, such as a finished build step's upper
   * directory — a layer of the store: its OCI tar (whiteouts as {@code .wh.} files) becomes the
   * blob, whose digest is the diff id, and the directory itself moves into place as the layer's
   * snapshot (nothing is unpacked again). When the store has the layer already, {@code dir} is
   * deleted. The directory must be on the store's file system for the move; else the blob is unpacked.
   */
  public Digest commitLayer(Path dir) {
    try {
      Files.createDirectories(blobs());
      Files.createDirectories(layersDir());
      Path tmp = Files.createTempFile(blobs(), ".commit-", ".tar");
      try {
        ArchivedLayer archived;
        try (OutputStream out = new java.io.BufferedOutputStream(Files.newOutputStream(tmp), 1 << 16)) {
          archived = LayerArchiver.write(dir, out);
        }
        Digest diffId = Digest.parse(archived.diffId());
        pin(diffId);
        Path blob = blobPath(diffId);
        if (!Files.exists(blob)) {
          Files.move(tmp, blob, StandardCopyOption.ATOMIC_MOVE);
        }
        Path target = layerDir(diffId);
        synchronized (this) {
          if (!Files.isDirectory(target)) {
            try {
              Files.move(dir, target, StandardCopyOption.ATOMIC_MOVE);
              AtomicFiles.write(layersDir().resolve(diffId.hex() + ".size"),
                  Long.toString(directorySize(target)).getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            } catch (java.nio.file.AtomicMoveNotSupportedException e) {
              unpackLayer(blob, diffId);
            }
          }
        }
        FileTrees.deleteTree(dir);
        return diffId;
      } finally {
        Files.deleteIfExists(tmp);
      }
    } catch (IOException | RuntimeException e) {
      if (e instanceof ImageException ie) {
        throw ie;
      }
      throw new ImageException(ImageException.Kind.IO, "making " + dir + " a layer failed: " + e.getMessage(), e);
    }
  }

  /** True when the layer with this diff id is unpacked. */
  public boolean hasLayer(Digest diffId) {
    return Files.isDirectory(layerDir(diffId));
  }

  public Path layerDir(Digest diffId) {
    return layersDir().resolve(diffId.hex());
  }

  /** Where blob {@code digest} is kept; its directory exists. */
  public Path blobPath(Digest digest) throws IOException {
    Files.createDirectories(blobs());
    return blobs().resolve(digest.hex());
  }

  public boolean hasBlob(Digest digest) {
    return Files.isRegularFile(blobs().resolve(digest.hex()));
  }

  private static String copyHashing(InputStream in, Path to) throws IOException {
    MessageDigest sha = sha256();
    try (OutputStream out = new DigestOutputStream(Files.newOutputStream(to), sha)) {
      in.transferTo(out);
    }
    return "sha256:" + HexFormat.of().formatHex(sha.digest());
  }

  private static long directorySize(Path dir) throws IOException {
    try (Stream<Path> s = Files.walk(dir)) {
      return s.filter(p -> Files.isRegularFile(p, java.nio.file.LinkOption.NOFOLLOW_LINKS)).mapToLong(p -> p.toFile().length()).sum();
    }
  }

  static String sha256Hex(byte[] bytes) {
    return HexFormat.of().formatHex(sha256().digest(bytes));
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("the JDK has no SHA-256", e);
    }
  }

  // ---- layer blobs: the compressed forms of a layer, for push and save

  private void pin(Digest diffId) {
    pins.put(diffId.toString(), System.currentTimeMillis());
  }

  private boolean pinned(String diffId) {
    Long since = pins.get(diffId);
    return since != null && System.currentTimeMillis() - since < PIN_MILLIS;
  }

  /** When {@code blob} is a blob of this store (named by its digest), remembers it holds layer {@code diffId}. */
  private void recordBlobIfStored(Digest diffId, Path blob) throws IOException {
    String name = blob.getFileName().toString();
    if (name.matches("[0-9a-f]{64}") && blob.toAbsolutePath().getParent().equals(blobs().toAbsolutePath())) {
      recordLayerBlob(diffId, new Digest(name));
    }
  }

  /** Remembers that stored blob {@code blob} holds layer {@code diffId} (its compression is read from its first bytes). */
  public synchronized void recordLayerBlob(Digest diffId, Digest blob) throws IOException {
    Path file = blobs().resolve(blob.hex());
    byte[] head;
    try (InputStream in = Files.newInputStream(file)) {
      head = in.readNBytes(4);
    }
    LayerBlob b = new LayerBlob(blob, dev.jcompose.image.layer.LayerCompression.detect(head), Files.size(file));
    List<LayerBlob> known = new ArrayList<>(layerBlobs(diffId));
    if (known.stream().anyMatch(k -> k.digest().equals(blob))) {
      return;
    }
    known.add(b);
    StringBuilder text = new StringBuilder();
    for (LayerBlob k : known) {
      text.append(k.digest()).append(' ').append(k.compression().name()).append(' ').append(k.size()).append('\n');
    }
    AtomicFiles.write(layerBlobsDir().resolve(diffId.hex()), text.toString().getBytes(java.nio.charset.StandardCharsets.US_ASCII));
  }

  /**
   * The stored blobs that hold layer {@code diffId}: those recorded, and its uncompressed tar
   * (named by the diff id itself) when the store has it.
   */
  public List<LayerBlob> layerBlobs(Digest diffId) {
    List<LayerBlob> out = new ArrayList<>();
    Path file = layerBlobsDir().resolve(diffId.hex());
    try {
      if (Files.isRegularFile(file)) {
        for (String line : Files.readAllLines(file)) {
          String[] f = line.strip().split(" ");
          if (f.length == 3 && hasBlob(Digest.parse(f[0]))) {
            out.add(new LayerBlob(Digest.parse(f[0]), dev.jcompose.image.layer.LayerCompression.valueOf(f[1]), Long.parseLong(f[2])));
          }
        }
      }
      if (hasBlob(diffId) && out.stream().noneMatch(b -> b.digest().equals(diffId))) {
        out.add(new LayerBlob(diffId, dev.jcompose.image.layer.LayerCompression.NONE, Files.size(blobs().resolve(diffId.hex()))));
      }
    } catch (IOException | IllegalArgumentException e) {
      throw new ImageException(ImageException.Kind.IO, "read the blobs of layer " + diffId + ": " + e.getMessage(), e);
    }
    return out;
  }

  /**
   * A compressed blob of layer {@code diffId}, for a registry: a gzip or zstd one the store has,
   * else its uncompressed tar gzip-compressed now (and kept, so the next push reuses it).
   *
   * @throws ImageException NOT_FOUND when the store has no blob of the layer at all
   */
  public LayerBlob compressedLayerBlob(Digest diffId) {
    List<LayerBlob> blobs = layerBlobs(diffId);
    for (LayerBlob b : blobs) {
      if (b.compression() != dev.jcompose.image.layer.LayerCompression.NONE) {
        return b;
      }
    }
    LayerBlob plain = blobs.stream().findFirst().orElseThrow(() -> new ImageException(ImageException.Kind.NOT_FOUND,
        "the store has no blob of layer " + diffId + " (only its unpacked form); pull or build the image again", null));
    try {
      Path tmp = Files.createTempFile(blobs(), ".gzip-", ".tar.gz");
      try {
        MessageDigest sha = sha256();
        try (InputStream in = Files.newInputStream(blobs().resolve(plain.digest().hex()));
             OutputStream out = new java.util.zip.GZIPOutputStream(new DigestOutputStream(
                 new java.io.BufferedOutputStream(Files.newOutputStream(tmp), 1 << 16), sha), 1 << 16)) {
          in.transferTo(out);
        }
        Digest digest = Digest.of(sha);
        if (!hasBlob(digest)) {
          Files.move(tmp, blobPath(digest), StandardCopyOption.ATOMIC_MOVE);
        }
        recordLayerBlob(diffId, digest);
        return new LayerBlob(digest, dev.jcompose.image.layer.LayerCompression.GZIP, Files.size(blobs().resolve(digest.hex())));
      } finally {
        Files.deleteIfExists(tmp);
      }
    } catch (IOException e) {
      throw new ImageException(ImageException.Kind.IO, "compressing layer " + diffId + " failed: " + e.getMessage(), e);
    }
  }

  /** The image config exactly as stored (the bytes whose digest is the image id). */
  public byte[] configBytes(String id) {
    String hex = id.startsWith("sha256:") ? id.substring(7) : id;
    try {
      return Files.readAllBytes(blobs().resolve(hex));
    } catch (IOException e) {
      throw new ImageException(ImageException.Kind.NOT_FOUND, "No such image: " + id, e);
    }
  }

  // ---- names and removal

  /** Lists image {@code id} from now on even without a name (a loaded untagged image), as dangling. */
  public void markKnown(String id) throws IOException {
    Path marker = root.resolve("imagedb").resolve(id.startsWith("sha256:") ? id.substring(7) : id);
    if (!Files.exists(marker)) {
      Files.createDirectories(marker.getParent());
      Files.createFile(marker);
    }
  }

  /** Every image: the tagged ones and those that lost their last tag (dangling), not build intermediates. */
  public List<Image> listAll() {
    java.util.Set<String> ids = new java.util.TreeSet<>(tagsById().keySet());
    Path db = root.resolve("imagedb");
    if (Files.isDirectory(db)) {
      try (Stream<Path> s = Files.list(db)) {
        s.map(p -> p.getFileName().toString()).filter(h -> h.matches("[0-9a-f]{64}")).forEach(h -> ids.add("sha256:" + h));
      } catch (IOException e) {
        throw new ImageException(ImageException.Kind.IO, "list " + db + ": " + e.getMessage(), e);
      }
    }
    List<Image> out = new ArrayList<>();
    for (String id : ids) {
      get(id).ifPresent(out::add);
    }
    return out;
  }

  /** The names (canonical) pointing at image {@code id}. */
  public List<ImageReference> referencesTo(String id) {
    List<ImageReference> out = new ArrayList<>();
    repositories().forEach((name, target) -> {
      if (target.equals(id)) {
        out.add(ImageReference.parse(name));
      }
    });
    return out;
  }

  /** Removes name {@code reference}; true when it existed. The image stays (see {@link #delete}). */
  public synchronized boolean untag(ImageReference reference) {
    Map<String, String> repos = new TreeMap<>(repositories());
    if (repos.remove(reference.canonical()) == null) {
      return false;
    }
    try {
      AtomicFiles.write(root.resolve("repositories.json"), JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(repos));
    } catch (IOException e) {
      throw new ImageException(ImageException.Kind.IO, "untag " + reference + ": " + e.getMessage(), e);
    }
    return true;
  }

  /** What a removal freed: the image ids and layer diff ids deleted and the bytes reclaimed. */
  public record Removal(List<String> deleted, long reclaimed) {}

  /**
   * Deletes image {@code id}: its names, its config, and every layer (snapshot and blobs) no
   * other image uses. The caller has checked that no container uses it.
   */
  public synchronized Removal delete(String id) {
    String hex = id.startsWith("sha256:") ? id.substring(7) : id;
    try {
      for (ImageReference r : referencesTo("sha256:" + hex)) {
        untag(r);
      }
      List<String> deleted = new ArrayList<>();
      long reclaimed = 0;
      Path config = blobs().resolve(hex);
      if (Files.exists(config)) {
        reclaimed += Files.size(config);
        Files.delete(config);
        deleted.add("sha256:" + hex);
      }
      Files.deleteIfExists(root.resolve("imagedb").resolve(hex));
      Removal layers = removeUnusedLayers();
      deleted.addAll(layers.deleted());
      return new Removal(deleted, reclaimed + layers.reclaimed());
    } catch (IOException e) {
      throw new ImageException(ImageException.Kind.IO, "delete image " + id + ": " + e.getMessage(), e);
    }
  }

  /**
   * Removes the layers no listed image uses (nor a pull or build under way): their snapshot
   * directories and their blobs. Build intermediates that used them stop being images.
   */
  public synchronized Removal removeUnusedLayers() throws IOException {
    java.util.Set<String> live = new java.util.HashSet<>();
    for (Image i : listAll()) {
      live.addAll(i.config().rootfs().diffIds());
    }
    List<String> deleted = new ArrayList<>();
    long reclaimed = 0;
    if (!Files.isDirectory(layersDir())) {
      return new Removal(deleted, 0);
    }
    List<Path> dirs;
    try (Stream<Path> s = Files.list(layersDir())) {
      dirs = s.filter(p -> p.getFileName().toString().matches("[0-9a-f]{64}")).toList();
    }
    for (Path dir : dirs) {
      String diffId = "sha256:" + dir.getFileName();
      if (live.contains(diffId) || pinned(diffId)) {
        continue;
      }
      Digest d = Digest.parse(diffId);
      for (LayerBlob b : layerBlobs(d)) {
        reclaimed += b.size();
        Files.deleteIfExists(blobs().resolve(b.digest().hex()));
      }
      Files.deleteIfExists(layerBlobsDir().resolve(d.hex()));
      Path sizeFile = layersDir().resolve(d.hex() + ".size");
      if (Files.exists(sizeFile)) {
        reclaimed += Long.parseLong(Files.readString(sizeFile).strip());
        Files.delete(sizeFile);
      }
      FileTrees.deleteTree(dir);
      deleted.add(diffId);
    }
    return new Removal(deleted, reclaimed);
  }

  /** The unpacked size of layer {@code diffId} in bytes, or 0 when unknown. */
  public long layerSize(Digest diffId) {
    Path sizeFile = layersDir().resolve(diffId.hex() + ".size");
    try {
      return Files.exists(sizeFile) ? Long.parseLong(Files.readString(sizeFile).strip()) : 0;
    } catch (IOException | NumberFormatException e) {
      return 0;
    }
  }

  private Path layerBlobsDir() {
    return root.resolve("layer-blobs");
  }

  private Path blobs() {
    return root.resolve("blobs/sha256");
  }

  private Path layersDir() {
    return root.resolve("layers");
  }
}
