package dev.jcompose.image.pull;

import dev.jcompose.image.Digest;
import dev.jcompose.image.Image;
import dev.jcompose.image.ImageConfig;
import dev.jcompose.image.ImageException;
import dev.jcompose.image.ImageReference;
import dev.jcompose.image.ImageStore;
import dev.jcompose.image.registry.Descriptor;
import dev.jcompose.image.registry.FetchedManifest;
import dev.jcompose.image.registry.ManifestJson;
import dev.jcompose.image.registry.Platform;
import dev.jcompose.image.registry.RegistryClient;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Pulls an image from its registry into the store: resolves the tag (and the platform, from an
 * index), downloads the config and the layers it lacks (a few at a time), checks every digest,
 * unpacks each layer into its snapshot, and tags the image only when all of it is in place.
 */
public final class ImagePull {
  /** dockerd's default max-concurrent-downloads. */
  public static final int DEFAULT_CONCURRENT_DOWNLOADS = 3;
  private final ImageStore store;
  private final RegistryClient registry;
  private final int concurrentDownloads;

  public ImagePull(ImageStore store, RegistryClient registry, int concurrentDownloads) {
    this.store = store;
    this.registry = registry;
    this.concurrentDownloads = concurrentDownloads;
  }

  /** Pulls {@code ref} for {@code platform} (null: the host's) and returns the stored, tagged image. */
  public Image pull(ImageReference ref, Platform platform, PullListener listener) {
    Platform wanted = platform == null ? Platform.host() : platform;
    String reference = ref.digest() != null ? ref.digest() : ref.tag();
    listener.onProgress(PullProgress.of("Pulling from " + ref.repository(), reference));
    FetchedManifest top = registry.manifest(ref.registry(), ref.repository(), reference);
    FetchedManifest chosen = top.isIndex() ? registry.manifest(ref.registry(), ref.repository(),
        pickPlatform(top, wanted, ref).digest()) : top;
    ManifestJson.Manifest manifest = chosen.manifest();
    if (manifest.config() == null) {
      throw new ImageException(ImageException.Kind.INVALID, "the manifest of " + ref + " has no config", null);
    }
    byte[] configBytes = config(ref, manifest.config());
    ImageConfig config = readConfig(ref, configBytes);
    List<String> diffIds = config.rootfs().diffIds();
    if (diffIds.size() != manifest.layers().size()) {
      throw new ImageException(ImageException.Kind.INVALID, "the image " + ref + " is inconsistent: its manifest has "
          + manifest.layers().size() + " layers, its config " + diffIds.size() + " diff ids", null);
    }
    fetchLayers(ref, manifest.layers(), diffIds, listener);
    try {
      String previous = store.idOf(ref).orElse(null);
      String id = store.putConfig(configBytes);
      store.tag(id, ref);
      listener.onProgress(PullProgress.of("Digest: " + top.digest(), null));
      listener.onProgress(PullProgress.of(id.equals(previous) ? "Status: Image is up to date for " + ref.familiar()
          : "Status: Downloaded newer image for " + ref.familiar(), null));
      return store.get(id).orElseThrow();
    } catch (IOException e) {
      throw new ImageException(ImageException.Kind.IO, "storing the image " + ref + " failed: " + e.getMessage(), e);
    }
  }

  static Descriptor pickPlatform(FetchedManifest index, Platform wanted, ImageReference ref) {
    List<Descriptor> manifests = index.index().manifests();
    return manifests.stream().filter(d -> wanted.accepts(d.platform())).findFirst()
        .orElseThrow(() -> new ImageException(ImageException.Kind.NOT_FOUND, "the image " + ref + " has no variant for " + wanted
            + "; it has " + manifests.stream().map(d -> String.valueOf(d.platform())).toList()
            + " (choose one with `platform:` in the compose file or --platform)", null));
  }

  private byte[] config(ImageReference ref, Descriptor d) {
    try {
      Digest digest = d.parsedDigest();
      Path blob = store.blobPath(digest);
      if (!store.hasBlob(digest)) {
        registry.blob(ref.registry(), ref.repository(), d, blob, n -> { });
      }
      byte[] bytes = Files.readAllBytes(blob);
      if (!Digest.of(bytes).equals(digest)) {
        Files.deleteIfExists(blob);
        throw new ImageException(ImageException.Kind.INVALID, "the stored config " + digest + " is corrupt; it was removed, pull again", null);
      }
      return bytes;
    } catch (IOException e) {
      throw new ImageException(ImageException.Kind.IO, "reading the config of " + ref + " failed: " + e.getMessage(), e);
    }
  }

  private static ImageConfig readConfig(ImageReference ref, byte[] bytes) {
    try {
      ImageConfig c = JsonMapper.builder().build().readValue(bytes, ImageConfig.class);
      if (c.rootfs() == null || c.rootfs().diffIds() == null) {
        throw new ImageException(ImageException.Kind.INVALID, "the config of " + ref + " has no rootfs.diff_ids", null);
      }
      return c;
    } catch (IOException e) {
      throw new ImageException(ImageException.Kind.INVALID, "the config of " + ref + " is malformed: " + e.getMessage(), e);
    }
  }

  /** Downloads and unpacks the layers in parallel; on the first failure the others are cancelled. */
  private void fetchLayers(ImageReference ref, List<Descriptor> layers, List<String> diffIds, PullListener listener) {
    ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, Math.min(concurrentDownloads, layers.size())), r -> {
      Thread t = new Thread(r, "pull-" + ref.repository());
      t.setDaemon(true);
      return t;
    });
    List<Future<?>> futures = new ArrayList<>();
    try {
      for (int i = 0; i < layers.size(); i++) {
        Descriptor layer = layers.get(i);
        Digest diffId = Digest.parse(diffIds.get(i));
        String id = layer.parsedDigest().shortHex();
        if (store.hasLayer(diffId)) {
          listener.onProgress(PullProgress.of("Already exists", id));
          continue;
        }
        listener.onProgress(PullProgress.of("Pulling fs layer", id));
        futures.add(pool.submit(() -> {
          fetchLayer(ref, layer, diffId, id, listener);
          return null;
        }));
      }
      for (Future<?> f : futures) {
        f.get();
      }
    } catch (ExecutionException e) {
      futures.forEach(f -> f.cancel(true));
      throw e.getCause() instanceof RuntimeException re ? re
          : new ImageException(ImageException.Kind.IO, "pulling " + ref + " failed: " + e.getCause(), e.getCause());
    } catch (InterruptedException e) {
      futures.forEach(f -> f.cancel(true));
      Thread.currentThread().interrupt();
      throw new ImageException(ImageException.Kind.IO, "the pull of " + ref + " was interrupted; nothing half-written was kept", e);
    } finally {
      pool.shutdownNow();
    }
  }

  private void fetchLayer(ImageReference ref, Descriptor layer, Digest diffId, String id, PullListener listener) throws IOException {
    Digest digest = layer.parsedDigest();
    Path blob = store.blobPath(digest);
    if (!store.hasBlob(digest)) {
      registry.blob(ref.registry(), ref.repository(), layer, blob,
          n -> listener.onProgress(new PullProgress("Downloading", id, n, layer.size())));
      listener.onProgress(PullProgress.of("Download complete", id));
    }
    listener.onProgress(PullProgress.of("Extracting", id));
    store.unpackLayer(blob, diffId);
    listener.onProgress(PullProgress.of("Pull complete", id));
  }
}
