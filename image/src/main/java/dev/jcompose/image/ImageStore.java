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
 * </pre>
 * An image id is the sha256 of its config, as in Docker.
 */
public final class ImageStore {
  private static final ObjectMapper JSON = JsonMapper.builder().enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS).build();
  private final Path root;

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
    return id.toString();
  }

  /** Points {@code reference} at image {@code id}. */
  public synchronized void tag(String id, ImageReference reference) throws IOException {
    Map<String, String> repos = new TreeMap<>(repositories());
    repos.put(reference.canonical(), id);
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
    LayerScan scan = LayerUnpacker.unpack(blob, expectedDiffId, layersDir());
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

  private Path blobs() {
    return root.resolve("blobs/sha256");
  }

  private Path layersDir() {
    return root.resolve("layers");
  }
}
