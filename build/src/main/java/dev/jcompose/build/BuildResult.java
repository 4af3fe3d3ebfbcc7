package dev.jcompose.build;

import java.util.List;

/** A finished build: the image id ({@code sha256:…}), the names it got, and how many steps came from the cache. */
public record BuildResult(String imageId, List<String> tags, int steps, int cachedSteps) {
  public BuildResult {
    tags = List.copyOf(tags);
  }
}
