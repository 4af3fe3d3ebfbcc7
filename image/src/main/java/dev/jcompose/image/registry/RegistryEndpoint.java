package dev.jcompose.image.registry;

import java.net.URI;
import java.util.Set;

/**
 * Where a registry named in an image reference answers. Docker Hub ({@code docker.io}) is
 * {@code registry-1.docker.io}; loopback registries and those listed as insecure are spoken to
 * over plain http, as dockerd's {@code insecure-registries} (127.0.0.0/8 is insecure by default).
 */
public record RegistryEndpoint(String registry, URI base) {

  public static RegistryEndpoint of(String registry, Set<String> insecureRegistries) {
    String host = registry.equals("docker.io") ? "registry-1.docker.io" : registry;
    boolean http = isLoopback(registry) || insecureRegistries.contains(registry);
    return new RegistryEndpoint(registry, URI.create((http ? "http://" : "https://") + host));
  }

  static boolean isLoopback(String registry) {
    String host = registry.startsWith("[") ? registry.substring(1, registry.indexOf(']'))
        : registry.contains(":") ? registry.substring(0, registry.lastIndexOf(':')) : registry;
    return host.equals("localhost") || host.startsWith("127.") || host.equals("::1");
  }

  public URI manifest(String repository, String reference) {
    return base.resolve("/v2/" + repository + "/manifests/" + reference);
  }

  public URI blob(String repository, String digest) {
    return base.resolve("/v2/" + repository + "/blobs/" + digest);
  }
}
