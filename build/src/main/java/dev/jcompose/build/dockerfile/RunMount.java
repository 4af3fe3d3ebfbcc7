package dev.jcompose.build.dockerfile;

import java.util.Map;

/** {@code RUN --mount=type=cache,target=/root/.cache,...}: the type ({@code bind} by default) and the other options as written. */
public record RunMount(String type, Map<String, String> options) {
  public RunMount {
    options = Map.copyOf(options);
  }
}
