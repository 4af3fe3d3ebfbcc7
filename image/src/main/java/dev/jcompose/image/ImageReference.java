package dev.jcompose.image;

import java.util.regex.Pattern;

/**
 * A parsed image reference such as {@code busybox}, {@code library/busybox:1.36},
 * {@code 127.0.0.1:5000/team/app:v2} or {@code app@sha256:…}. Docker Hub names are normalized
 * the way Docker does, so {@code busybox}, {@code library/busybox:latest} and
 * {@code docker.io/library/busybox:latest} are the same image.
 */
public record ImageReference(String registry, String repository, String tag, String digest) {
  public static final String DEFAULT_REGISTRY = "docker.io";
  private static final Pattern COMPONENT = Pattern.compile("[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*");
  private static final Pattern TAG = Pattern.compile("[\\w][\\w.-]{0,127}");
  private static final Pattern DIGEST = Pattern.compile("[a-z0-9]+(?:[.+_-][a-z0-9]+)*:[a-fA-F0-9]{32,}");

  /** Parses user text; throws {@link IllegalArgumentException} saying what is wrong. */
  public static ImageReference parse(String text) {
    if (text == null || text.isBlank()) {
      throw new IllegalArgumentException("an image reference must not be empty");
    }
    String rest = text;
    String digest = null;
    int at = rest.indexOf('@');
    if (at >= 0) {
      digest = rest.substring(at + 1);
      rest = rest.substring(0, at);
      if (!DIGEST.matcher(digest).matches()) {
        throw new IllegalArgumentException("invalid reference format: \"" + text + "\" has a malformed digest \"" + digest + "\"");
      }
    }
    String tag = null;
    int slash = rest.lastIndexOf('/');
    int colon = rest.lastIndexOf(':');
    if (colon > slash) {
      tag = rest.substring(colon + 1);
      rest = rest.substring(0, colon);
      if (!TAG.matcher(tag).matches()) {
        throw new IllegalArgumentException("invalid reference format: \"" + text + "\" has an invalid tag \"" + tag
            + "\" (letters, digits, '_', '.', '-'; at most 128)");
      }
    }
    String registry = DEFAULT_REGISTRY;
    String repo = rest;
    int first = rest.indexOf('/');
    if (first > 0) {
      String head = rest.substring(0, first);
      if (head.contains(".") || head.contains(":") || head.equals("localhost")) {
        registry = head;
        repo = rest.substring(first + 1);
      }
    }
    if (registry.equals("index.docker.io")) {
      registry = DEFAULT_REGISTRY;
    }
    for (String c : repo.split("/", -1)) {
      if (!COMPONENT.matcher(c).matches()) {
        throw new IllegalArgumentException("invalid reference format: \"" + text
            + "\": repository names must be lowercase letters, digits and separators (. _ __ -), got \"" + repo + "\"");
      }
    }
    if (registry.equals(DEFAULT_REGISTRY) && !repo.contains("/")) {
      repo = "library/" + repo;
    }
    if (tag == null && digest == null) {
      tag = "latest";
    }
    return new ImageReference(registry, repo, tag, digest);
  }

  /** The short name Docker shows: {@code busybox:latest}, {@code team/app:v2}, {@code 127.0.0.1:5000/app:v2}. */
  public String familiar() {
    String name = registry.equals(DEFAULT_REGISTRY)
        ? (repository.startsWith("library/") ? repository.substring("library/".length()) : repository)
        : registry + "/" + repository;
    return name + (tag != null ? ":" + tag : "") + (digest != null ? "@" + digest : "");
  }

  /** The fully qualified name used as the store's key. */
  public String canonical() {
    return registry + "/" + repository + (tag != null ? ":" + tag : "") + (digest != null ? "@" + digest : "");
  }

  @Override
  public String toString() {
    return familiar();
  }
}
