package dev.jcompose.image.archive;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.jcompose.image.Digest;
import dev.jcompose.image.Image;
import dev.jcompose.image.ImageConfig;
import dev.jcompose.image.ImageException;
import dev.jcompose.image.ImageReference;
import dev.jcompose.image.ImageStore;
import dev.jcompose.image.LayerBlob;
import dev.jcompose.image.layer.LayerCompression;
import dev.jcompose.image.registry.FetchedManifest;
import dev.jcompose.image.registry.ManifestJson;
import dev.jcompose.image.registry.Platform;
import dev.jcompose.linux.FileTrees;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Image archives, as {@code docker save} writes and {@code docker load} reads them:
 * <pre>
 *   manifest.json            [{"Config":"&lt;id hex&gt;.json","RepoTags":[…],"Layers":["&lt;diff id hex&gt;/layer.tar",…]}]
 *   &lt;id hex&gt;.json          each image's config, byte for byte (so the image id survives)
 *   &lt;diff id hex&gt;/layer.tar each layer once, uncompressed
 * </pre>
 * Loading also takes an OCI image layout in a tar ({@code index.json}, {@code blobs/sha256/…}),
 * naming images by their {@code io.containerd.image.name} or a full-name
 * {@code org.opencontainers.image.ref.name} annotation.
 */
public final class ImageArchive {
  private static final ObjectMapper JSON = JsonMapper.builder().build();
  private final ImageStore store;
  /** Layer files of the archive being loaded already moved into the store, and their digests. */
  private final Map<Path, Digest> moved = new HashMap<>();

  public ImageArchive(ImageStore store) {
    this.store = store;
  }

  /** One image of {@code manifest.json}. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  @JsonIgnoreProperties(ignoreUnknown = true)
  record ManifestEntry(@JsonProperty("Config") String config, @JsonProperty("RepoTags") List<String> repoTags,
      @JsonProperty("Layers") List<String> layers) {}

  /**
   * Writes the images {@code names} name (names or ids) to {@code out} as a docker-archive tar.
   * An image asked for by name carries that name; one asked for by id none, as with Docker.
   */
  public void save(List<String> names, OutputStream out) throws IOException {
    Map<String, ManifestEntry> entries = new LinkedHashMap<>();
    Map<String, Image> images = new LinkedHashMap<>();
    for (String name : names) {
      Image image = store.require(name);
      images.put(image.id(), image);
      ManifestEntry e = entries.computeIfAbsent(image.id(), id -> new ManifestEntry(id.substring(7) + ".json", new ArrayList<>(),
          image.config().rootfs().diffIds().stream().map(d -> d.substring(7) + "/layer.tar").toList()));
      ImageReference byName = asReference(name, image);
      if (byName != null && !e.repoTags().contains(byName.familiar())) {
        e.repoTags().add(byName.familiar());
      }
    }
    ArchiveTar.Writer tar = new ArchiveTar.Writer(out);
    Set<String> written = new LinkedHashSet<>();
    for (Image image : images.values()) {
      for (String diffId : image.config().rootfs().diffIds()) {
        if (written.add(diffId)) {
          writeLayer(tar, Digest.parse(diffId));
        }
      }
      tar.file(image.id().substring(7) + ".json", store.configBytes(image.id()));
    }
    tar.file("manifest.json", JSON.writeValueAsBytes(new ArrayList<>(entries.values())));
    tar.finish();
  }

  /** The reference {@code name} is, when it names {@code image} by a tag (not by id). */
  private ImageReference asReference(String name, Image image) {
    try {
      ImageReference ref = ImageReference.parse(name);
      return store.idOf(ref).filter(image.id()::equals).map(id -> ref).orElse(null);
    } catch (IllegalArgumentException e) {
      return null;
    }
  }

  private void writeLayer(ArchiveTar.Writer tar, Digest diffId) throws IOException {
    tar.directory(diffId.hex());
    List<LayerBlob> blobs = store.layerBlobs(diffId);
    LayerBlob plain = blobs.stream().filter(b -> b.compression() == LayerCompression.NONE).findFirst().orElse(null);
    if (plain != null) {
      try (InputStream in = Files.newInputStream(store.blobPath(plain.digest()))) {
        tar.file(diffId.hex() + "/layer.tar", plain.size(), in);
      }
      return;
    }
    LayerBlob any = blobs.stream().findFirst().orElseThrow(() -> new ImageException(ImageException.Kind.NOT_FOUND,
        "the store has no blob of layer " + diffId + " (only its unpacked form); pull or build the image again", null));
    Path tmp = Files.createTempFile(store.blobPath(any.digest()).getParent(), ".save-", ".tar");
    try {
      try (InputStream in = LayerCompression.decompressing(Files.newInputStream(store.blobPath(any.digest())));
           OutputStream o = Files.newOutputStream(tmp)) {
        in.transferTo(o);
      }
      try (InputStream in = Files.newInputStream(tmp)) {
        tar.file(diffId.hex() + "/layer.tar", Files.size(tmp), in);
      }
    } finally {
      Files.deleteIfExists(tmp);
    }
  }

  /**
   * Loads the images of archive {@code in} (docker-archive or OCI layout tar) into the store and
   * tags them; {@code loaded} hears "Loaded image: NAME" or "Loaded image ID: sha256:…" per image.
   * Every layer's content is checked against its image's config before the image is stored.
   */
  public List<String> load(InputStream in, Consumer<String> loaded) {
    Path dir = null;
    try {
      Path blobs = store.blobPath(Digest.of(new byte[0])).getParent();
      dir = Files.createTempDirectory(blobs, ".load-");
      Map<String, String> links = unpack(in, dir);
      if (exists(dir, links, "manifest.json")) {
        return loadDockerArchive(dir, links, loaded);
      }
      if (exists(dir, links, "index.json")) {
        return loadOciLayout(dir, links, loaded);
      }
      throw new ImageException(ImageException.Kind.INVALID, "the archive has neither manifest.json (docker save) nor index.json"
          + " (OCI layout); for a root filesystem tarball use `jcompose image import`", null);
    } catch (IOException e) {
      throw new ImageException(ImageException.Kind.INVALID, "reading the image archive failed: " + e.getMessage(), e);
    } finally {
      if (dir != null) {
        try {
          FileTrees.deleteTree(dir);
        } catch (IOException ignored) {
          // a leftover .load- directory holds nothing the store reads
        }
      }
    }
  }

  private List<String> loadDockerArchive(Path dir, Map<String, String> links, Consumer<String> loaded) throws IOException {
    List<ManifestEntry> entries = List.of(JSON.readValue(Files.readAllBytes(file(dir, links, "manifest.json")), ManifestEntry[].class));
    List<String> ids = new ArrayList<>();
    for (ManifestEntry e : entries) {
      List<Path> layers = new ArrayList<>();
      for (String l : e.layers() == null ? List.<String>of() : e.layers()) {
        layers.add(file(dir, links, l));
      }
      byte[] config = Files.readAllBytes(file(dir, links, e.config()));
      ids.add(store(config, layers, e.repoTags() == null ? List.of() : e.repoTags(), loaded));
    }
    return ids;
  }

  private List<String> loadOciLayout(Path dir, Map<String, String> links, Consumer<String> loaded) throws IOException {
    JsonNode index = JSON.readTree(Files.readAllBytes(file(dir, links, "index.json")));
    List<String> ids = new ArrayList<>();
    for (JsonNode d : index.path("manifests")) {
      String name = d.path("annotations").path("io.containerd.image.name").asText(null);
      String refName = d.path("annotations").path("org.opencontainers.image.ref.name").asText(null);
      if (name == null && refName != null && (refName.contains("/") || refName.contains(":"))) {
        name = refName;
      }
      FetchedManifest m = FetchedManifest.of(d.path("mediaType").asText(null), blob(dir, links, d.path("digest").asText()),
          "manifest " + d.path("digest").asText());
      if (m.isIndex()) {
        Platform host = Platform.host();
        var chosen = m.index().manifests().stream().filter(x -> host.accepts(x.platform())).findFirst()
            .orElseThrow(() -> new ImageException(ImageException.Kind.NOT_FOUND, "the archive's index has no image for " + host, null));
        m = FetchedManifest.of(chosen.mediaType(), blob(dir, links, chosen.digest()), "manifest " + chosen.digest());
      }
      ManifestJson.Manifest manifest = m.manifest();
      List<Path> layers = new ArrayList<>();
      for (var l : manifest.layers()) {
        layers.add(file(dir, links, "blobs/sha256/" + l.parsedDigest().hex()));
      }
      byte[] config = blob(dir, links, manifest.config().digest());
      ids.add(store(config, layers, name == null ? List.of() : List.of(name), loaded));
    }
    return ids;
  }

  private byte[] blob(Path dir, Map<String, String> links, String digest) throws IOException {
    Digest d = Digest.parse(digest);
    byte[] bytes = Files.readAllBytes(file(dir, links, "blobs/sha256/" + d.hex()));
    if (!Digest.of(bytes).equals(d)) {
      throw new ImageException(ImageException.Kind.INVALID, "blob " + d + " of the archive has other content (corrupt archive)", null);
    }
    return bytes;
  }

  /** Stores one image: its layers (checked against the config's diff ids), its config, its names. Returns its id. */
  private String store(byte[] configBytes, List<Path> layers, List<String> repoTags, Consumer<String> loaded) throws IOException {
    ImageConfig config = JSON.readValue(configBytes, ImageConfig.class);
    List<String> diffIds = config.rootfs() == null || config.rootfs().diffIds() == null ? List.of() : config.rootfs().diffIds();
    if (diffIds.size() != layers.size()) {
      throw new ImageException(ImageException.Kind.INVALID, "an image of the archive has " + layers.size() + " layers but its config "
          + diffIds.size() + " diff ids (corrupt archive)", null);
    }
    for (int i = 0; i < layers.size(); i++) {
      Digest diffId = Digest.parse(diffIds.get(i));
      Digest blob = moved.containsKey(layers.get(i)) ? moved.get(layers.get(i)) : digestOf(layers.get(i));
      Path target = store.blobPath(blob);
      boolean had = store.hasBlob(blob);
      if (!had) {
        Files.move(layers.get(i), target, StandardCopyOption.ATOMIC_MOVE);
        moved.put(layers.get(i), blob); // another image of the archive may share the layer
      }
      try {
        store.unpackLayer(target, diffId);
        store.recordLayerBlob(diffId, blob);
      } catch (ImageException e) {
        if (!had) {
          Files.deleteIfExists(target);
        }
        throw e;
      }
    }
    String id = store.putConfig(configBytes);
    if (repoTags.isEmpty()) {
      store.markKnown(id);
      loaded.accept("Loaded image ID: " + id);
    }
    for (String tag : repoTags) {
      ImageReference ref;
      try {
        ref = ImageReference.parse(tag);
      } catch (IllegalArgumentException e) {
        throw new ImageException(ImageException.Kind.INVALID, "the archive names an image \"" + tag + "\": " + e.getMessage(), e);
      }
      store.tag(id, ref);
      loaded.accept("Loaded image: " + ref.familiar());
    }
    return id;
  }

  private static Digest digestOf(Path file) throws IOException {
    MessageDigest sha = Digest.sha256();
    try (InputStream in = new DigestInputStream(Files.newInputStream(file), sha)) {
      in.transferTo(OutputStream.nullOutputStream());
    }
    return Digest.of(sha);
  }

  /**
   * Writes the archive's files under {@code dir}; returns its links (name → target name, both
   * normalized archive paths). A name leaving the archive ({@code ../}, absolute) is refused.
   */
  private static Map<String, String> unpack(InputStream in, Path dir) throws IOException {
    Map<String, String> links = new HashMap<>();
    ArchiveTar.Reader tar = new ArchiveTar.Reader(in);
    for (ArchiveTar.Entry e = tar.next(); e != null; e = tar.next()) {
      String name = normalize(e.name(), e.name());
      if (name.isEmpty()) {
        continue;
      }
      switch (e.type()) {
        case '0' -> {
          Path target = dir.resolve(safeFileName(name));
          try (OutputStream out = Files.newOutputStream(target)) {
            tar.content().transferTo(out);
          }
          links.remove(name);
        }
        case '2' -> {
          String parent = name.contains("/") ? name.substring(0, name.lastIndexOf('/') + 1) : "";
          links.put(name, normalize(e.linkName().startsWith("/") ? e.linkName() : parent + e.linkName(), e.name()));
        }
        case '1' -> links.put(name, normalize(e.linkName(), e.name()));
        default -> {
          // directories and others: files are kept flat, by name
        }
      }
    }
    return links;
  }

  private static String normalize(String name, String entry) {
    List<String> parts = new ArrayList<>();
    for (String p : name.split("/")) {
      if (p.isEmpty() || p.equals(".")) {
        continue;
      }
      if (p.equals("..")) {
        if (parts.isEmpty()) {
          throw new ImageException(ImageException.Kind.INVALID, "the archive member \"" + entry + "\" points outside the archive (refused)", null);
        }
        parts.remove(parts.size() - 1);
      } else {
        parts.add(p);
      }
    }
    return String.join("/", parts);
  }

  /** Archive names are stored flat: "a/b" as "a%2Fb", so no directory structure is made from untrusted names. */
  private static String safeFileName(String name) {
    return name.replace("%", "%25").replace("/", "%2F");
  }

  private static boolean exists(Path dir, Map<String, String> links, String name) {
    try {
      file(dir, links, name);
      return true;
    } catch (ImageException e) {
      return false;
    }
  }

  private static Path file(Path dir, Map<String, String> links, String name) {
    String n = normalize(name, name);
    for (int hops = 0; links.containsKey(n) && hops < 16; hops++) {
      n = links.get(n);
    }
    Path f = dir.resolve(safeFileName(n));
    if (!Files.isRegularFile(f)) {
      throw new ImageException(ImageException.Kind.INVALID, "the archive has no file " + name, null);
    }
    return f;
  }
}
