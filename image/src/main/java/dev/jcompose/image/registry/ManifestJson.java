package dev.jcompose.image.registry;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/** The wire shapes of an image manifest and of an index (manifest list); OCI and Docker schema 2 share them. */
public final class ManifestJson {
  private ManifestJson() {}

  /** A single-platform image: its config and layers, bottom first. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  @JsonIgnoreProperties(ignoreUnknown = true)
  public record Manifest(int schemaVersion, String mediaType, Descriptor config, List<Descriptor> layers) {
    public Manifest {
      layers = layers == null ? List.of() : List.copyOf(layers);
    }
  }

  /** A multi-platform image: one manifest per platform. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  @JsonIgnoreProperties(ignoreUnknown = true)
  public record Index(int schemaVersion, String mediaType, List<Descriptor> manifests) {
    public Index {
      manifests = manifests == null ? List.of() : List.copyOf(manifests);
    }
  }
}
