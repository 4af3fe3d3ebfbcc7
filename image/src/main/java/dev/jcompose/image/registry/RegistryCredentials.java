package dev.jcompose.image.registry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.jcompose.image.ImageException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/** User names and passwords per registry, from the {@code auths} of Docker's {@code ~/.docker/config.json}. */
public final class RegistryCredentials {
  /** A user and password for one registry. */
  public record Credentials(String user, String password) {
    public String basicHeader() {
      return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public String toString() {
      return "Credentials[user=" + user + "]";
    }
  }

  private final Map<String, Credentials> byRegistry;

  public RegistryCredentials(Map<String, Credentials> byRegistry) {
    this.byRegistry = Map.copyOf(byRegistry);
  }

  public static RegistryCredentials none() {
    return new RegistryCredentials(Map.of());
  }

  /** Reads {@code $DOCKER_CONFIG/config.json}, else {@code ~/.docker/config.json}; a missing file means no credentials. */
  public static RegistryCredentials fromDockerConfig() {
    String dir = System.getenv("DOCKER_CONFIG");
    Path file = dir != null ? Path.of(dir, "config.json") : Path.of(System.getProperty("user.home"), ".docker", "config.json");
    return load(file);
  }

  public static RegistryCredentials load(Path configJson) {
    if (!Files.isRegularFile(configJson)) {
      return none();
    }
    Map<String, Credentials> out = new HashMap<>();
    try {
      JsonNode auths = JsonMapper.builder().build().readTree(configJson.toFile()).path("auths");
      var fields = auths.fields();
      while (fields.hasNext()) {
        var e = fields.next();
        String auth = e.getValue().path("auth").asText("");
        if (auth.isEmpty()) {
          continue; // kept by a credential helper, which jcompose does not run
        }
        String decoded = new String(Base64.getDecoder().decode(auth), StandardCharsets.UTF_8);
        int colon = decoded.indexOf(':');
        if (colon < 0) {
          throw new IllegalArgumentException("the auth of \"" + e.getKey() + "\" is not base64 of user:password");
        }
        out.put(registryHost(e.getKey()), new Credentials(decoded.substring(0, colon), decoded.substring(colon + 1)));
      }
    } catch (IOException | IllegalArgumentException e) {
      throw new ImageException(ImageException.Kind.INVALID, "reading registry credentials from " + configJson + " failed: "
          + e.getMessage() + " (fix the file or remove its \"auths\" entry)", e);
    }
    return new RegistryCredentials(out);
  }

  /** Credentials for {@code registry} (as in an image reference: docker.io, 127.0.0.1:5000). */
  public Optional<Credentials> forRegistry(String registry) {
    return Optional.ofNullable(byRegistry.get(registryHost(registry)));
  }

  /** "https://index.docker.io/v1/" and "docker.io" name the same registry, as do "http://host:5000" and "host:5000". */
  static String registryHost(String key) {
    String k = key.replaceFirst("^https?://", "");
    int slash = k.indexOf('/');
    k = slash < 0 ? k : k.substring(0, slash);
    return switch (k) {
      case "index.docker.io", "registry-1.docker.io", "docker.io" -> "docker.io";
      default -> k;
    };
  }
}
