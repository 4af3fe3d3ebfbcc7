package dev.jcompose.image.registry;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import dev.jcompose.image.Digest;

/** A pointer to a blob or manifest: its media type, digest and size (OCI content descriptor). */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record Descriptor(String mediaType, String digest, long size, Platform platform) {

  /** The digest, checked to be a sha256 one. */
  public Digest parsedDigest() {
    return Digest.parse(digest);
  }
}
