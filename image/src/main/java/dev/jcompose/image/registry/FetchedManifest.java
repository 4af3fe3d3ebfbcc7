package dev.jcompose.image.registry;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.jcompose.image.Digest;
import dev.jcompose.image.ImageException;
import java.io.IOException;

/**
 * A manifest or index as a registry served it. The media type comes from the response's
 * Content-Type when the document has none (skopeo pushes OCI manifests without one).
 */
public record FetchedManifest(String mediaType, Digest digest, byte[] bytes) {
  private static final ObjectMapper JSON = JsonMapper.builder().build();

  /** Works out the media type from the document, then the header; refuses anything else than the four jcompose pulls. */
  public static FetchedManifest of(String contentType, byte[] bytes, String what) {
    String type;
    try {
      var tree = JSON.readTree(bytes);
      type = tree.hasNonNull("mediaType") ? tree.get("mediaType").asText() : MediaTypes.bare(contentType);
      if ((type == null || type.equals("application/json")) && tree.has("manifests")) {
        type = MediaTypes.OCI_INDEX;
      } else if ((type == null || type.equals("application/json")) && tree.has("config")) {
        type = MediaTypes.OCI_MANIFEST;
      }
    } catch (IOException e) {
      throw new ImageException(ImageException.Kind.INVALID, what + " is not JSON: " + e.getMessage(), e);
    }
    if (!MediaTypes.MANIFESTS.contains(type) && !MediaTypes.INDEXES.contains(type)) {
      throw new ImageException(ImageException.Kind.INVALID, what + " has media type " + type + ", which jcompose cannot pull"
          + " (supported: OCI and Docker schema 2 manifests and indexes; schema 1 images must be re-pushed)", null);
    }
    return new FetchedManifest(type, Digest.of(bytes), bytes);
  }

  public boolean isIndex() {
    return MediaTypes.INDEXES.contains(mediaType);
  }

  public ManifestJson.Manifest manifest() {
    return read(ManifestJson.Manifest.class);
  }

  public ManifestJson.Index index() {
    return read(ManifestJson.Index.class);
  }

  private <T> T read(Class<T> type) {
    try {
      return JSON.readValue(bytes, type);
    } catch (IOException e) {
      throw new ImageException(ImageException.Kind.INVALID, "manifest " + digest + " (" + mediaType + ") is malformed: "
          + e.getMessage(), e);
    }
  }
}
