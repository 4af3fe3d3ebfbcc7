package dev.jcompose.image.push;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.jcompose.image.Digest;
import dev.jcompose.image.Image;
import dev.jcompose.image.ImageException;
import dev.jcompose.image.ImageReference;
import dev.jcompose.image.ImageStore;
import dev.jcompose.image.LayerBlob;
import dev.jcompose.image.layer.LayerCompression;
import dev.jcompose.image.pull.PullListener;
import dev.jcompose.image.pull.PullProgress;
import dev.jcompose.image.registry.Descriptor;
import dev.jcompose.image.registry.ManifestJson;
import dev.jcompose.image.registry.MediaTypes;
import dev.jcompose.image.registry.RegistryClient;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Pushes an image of the store to its registry, as {@code docker push}: each layer as a
 * compressed blob (gzip, made once from an uncompressed build layer and kept; a pulled layer is
 * pushed as it came), skipping blobs the registry has, then the config exactly as stored (so the
 * image id is the same wherever it is pulled), then the manifest under the tag: Docker schema 2,
 * or OCI when a layer is zstd (schema 2 has no media type for that).
 */
public final class ImagePush {
  /** What a push made: the tag, the manifest's digest and its size, as dockerd's {@code aux} line. */
  public record Result(String tag, Digest digest, int size) {}

  private final ImageStore store;
  private final RegistryClient registry;

  public ImagePush(ImageStore store, RegistryClient registry) {
    this.store = store;
    this.registry = registry;
  }

  /** Pushes the image {@code ref} (a name with a tag) names in the store to {@code ref}'s registry. */
  public Result push(ImageReference ref, PullListener listener) {
    if (ref.tag() == null) {
      throw new ImageException(ImageException.Kind.INVALID, "push " + ref + ": a push needs a tag, not a digest", null);
    }
    Image image = store.find(ref.canonical()).orElseThrow(() -> new ImageException(ImageException.Kind.NOT_FOUND,
        "An image does not exist locally with the tag: " + ref.familiar()
            + " (tag one first: `jcompose image tag SOURCE " + ref.familiar() + "`)", null));
    listener.onProgress(PullProgress.of("The push refers to repository [" + ref.registry() + "/" + ref.repository() + "]", null));
    List<String> diffIds = image.config().rootfs().diffIds();
    List<LayerBlob> blobs = new ArrayList<>();
    for (String diffId : diffIds) {
      Digest d = Digest.parse(diffId);
      listener.onProgress(PullProgress.of("Preparing", d.shortHex()));
      blobs.add(store.compressedLayerBlob(d));
    }
    // top layer first, as docker shows it
    for (int i = diffIds.size() - 1; i >= 0; i--) {
      pushBlob(ref, blobs.get(i), Digest.parse(diffIds.get(i)).shortHex(), listener);
    }
    byte[] config = store.configBytes(image.id());
    Digest configDigest = Digest.parse(image.id());
    if (!registry.blobExists(ref.registry(), ref.repository(), configDigest)) {
      try {
        registry.uploadBlob(ref.registry(), ref.repository(), configDigest, store.blobPath(configDigest), n -> { });
      } catch (IOException e) {
        throw new ImageException(ImageException.Kind.IO, "push " + ref + ": " + e.getMessage(), e);
      }
    }
    boolean oci = blobs.stream().anyMatch(b -> b.compression() == LayerCompression.ZSTD);
    byte[] manifest = manifest(oci, new Descriptor(oci ? OCI_CONFIG : DOCKER_CONFIG, configDigest.toString(), config.length, null), blobs);
    Digest digest = registry.putManifest(ref.registry(), ref.repository(), ref.tag(), oci ? MediaTypes.OCI_MANIFEST : MediaTypes.DOCKER_MANIFEST,
        manifest);
    listener.onProgress(PullProgress.of(ref.tag() + ": digest: " + digest + " size: " + manifest.length, null));
    return new Result(ref.tag(), digest, manifest.length);
  }

  static final String DOCKER_CONFIG = "application/vnd.docker.container.image.v1+json";
  static final String OCI_CONFIG = "application/vnd.oci.image.config.v1+json";

  /** The media type of a layer blob in a Docker schema 2 or an OCI manifest. */
  static String layerMediaType(LayerCompression c, boolean oci) {
    return switch (c) {
      case GZIP -> oci ? "application/vnd.oci.image.layer.v1.tar+gzip" : "application/vnd.docker.image.rootfs.diff.tar.gzip";
      case ZSTD -> "application/vnd.oci.image.layer.v1.tar+zstd";
      case NONE -> oci ? "application/vnd.oci.image.layer.v1.tar" : "application/vnd.docker.image.rootfs.diff.tar";
    };
  }

  static byte[] manifest(boolean oci, Descriptor config, List<LayerBlob> layers) {
    List<Descriptor> ds = layers.stream()
        .map(b -> new Descriptor(layerMediaType(b.compression(), oci), b.digest().toString(), b.size(), null)).toList();
    try {
      return JsonMapper.builder().build().writeValueAsBytes(
          new ManifestJson.Manifest(2, oci ? MediaTypes.OCI_MANIFEST : MediaTypes.DOCKER_MANIFEST, config, ds));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  private void pushBlob(ImageReference ref, LayerBlob blob, String id, PullListener listener) {
    if (registry.blobExists(ref.registry(), ref.repository(), blob.digest())) {
      listener.onProgress(PullProgress.of("Layer already exists", id));
      return;
    }
    try {
      registry.uploadBlob(ref.registry(), ref.repository(), blob.digest(), store.blobPath(blob.digest()),
          n -> listener.onProgress(new PullProgress("Pushing", id, n, blob.size())));
    } catch (IOException e) {
      throw new ImageException(ImageException.Kind.IO, "push " + ref + ": " + e.getMessage(), e);
    }
    listener.onProgress(PullProgress.of("Pushed", id));
  }
}
