package dev.jcompose.engine.images;

import dev.jcompose.api.model.ContainerCreateRequest;
import dev.jcompose.api.model.ImageInspect;
import dev.jcompose.api.model.ImageSummary;
import dev.jcompose.engine.http.ApiException;
import dev.jcompose.engine.http.ApiResponse;
import dev.jcompose.image.Image;
import dev.jcompose.image.ImageConfig;
import dev.jcompose.image.ImageException;
import dev.jcompose.image.ImageReference;
import dev.jcompose.image.ImageStore;
import dev.jcompose.image.pull.ImagePull;
import dev.jcompose.image.pull.PullProgress;
import dev.jcompose.image.registry.Platform;
import dev.jcompose.image.registry.RegistryClient;
import dev.jcompose.image.registry.RegistryCredentials;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.util.List;

/** The {@code /images} API over the local image store. */
public final class ImageService {
  /** Registries spoken to over http besides loopback ones, comma-separated (dockerd's insecure-registries). */
  public static final String INSECURE_REGISTRIES_PROPERTY = "jcompose.insecure-registries";
  private static final ObjectMapper JSON = JsonMapper.builder().build();
  private final ImageStore store;
  private final ImagePull puller;

  public ImageService(ImageStore store) {
    this(store, new ImagePull(store, new RegistryClient(RegistryCredentials.fromDockerConfig(), insecureRegistries()),
        ImagePull.DEFAULT_CONCURRENT_DOWNLOADS));
  }

  public ImageService(ImageStore store, ImagePull puller) {
    this.store = store;
    this.puller = puller;
  }

  /**
   * {@code POST /images/create?fromImage=NAME&tag=TAG[&platform=OS/ARCH]}: pulls from the image's
   * registry, streaming Docker's JSON progress lines; a failure after the stream began is an
   * {@code {"error":…,"errorDetail":{"message":…}}} line, as dockerd sends it.
   */
  public ApiResponse pull(String fromImage, String tag, String platform) {
    ImageReference ref;
    Platform wanted;
    try {
      String name = fromImage;
      if (tag != null && !tag.isEmpty()) {
        name = fromImage + (tag.startsWith("sha256:") ? "@" : ":") + tag;
      }
      ref = ImageReference.parse(name);
      wanted = platform == null || platform.isEmpty() ? null : Platform.parse(platform);
    } catch (IllegalArgumentException e) {
      throw ApiException.badRequest(e.getMessage());
    }
    return new ApiResponse.Streaming(200, "application/json", out -> {
      try {
        puller.pull(ref, wanted, p -> writeLine(out, progressLine(p)));
      } catch (ImageException e) {
        writeLine(out, Map.of("error", e.getMessage(), "errorDetail", Map.of("message", e.getMessage())));
      }
    });
  }

  static Map<String, Object> progressLine(PullProgress p) {
    Map<String, Object> line = new LinkedHashMap<>();
    line.put("status", p.status());
    if (p.hasBytes()) {
      line.put("progressDetail", Map.of("current", p.current(), "total", p.total()));
    } else if (p.id() != null) {
      line.put("progressDetail", Map.of());
    }
    if (p.id() != null) {
      line.put("id", p.id());
    }
    return line;
  }

  private static void writeLine(OutputStream out, Map<String, Object> line) {
    dev.jcompose.engine.http.JsonLines.write(out, line, "the pull");
  }


  static Set<String> insecureRegistries() {
    String value = System.getProperty(INSECURE_REGISTRIES_PROPERTY, "");
    return Arrays.stream(value.split(",")).map(String::strip).filter(v -> !v.isEmpty()).collect(Collectors.toSet());
  }

  /** {@code POST /images/create?fromSrc=-&repo=…&tag=…}: import a root filesystem tarball. */
  public String importTarball(InputStream tar, String repo, String tag, String message) {
    if (repo == null || repo.isEmpty()) {
      throw ApiException.badRequest("importing an image needs a name: repo=NAME[&tag=TAG]");
    }
    ImageReference ref;
    try {
      ref = ImageReference.parse(tag == null || tag.isEmpty() ? repo : repo + ":" + tag);
    } catch (IllegalArgumentException e) {
      throw ApiException.badRequest(e.getMessage());
    }
    try {
      Image img = store.importRootfs(tar, ref, null, message);
      return "{\"status\":\"" + img.id() + "\"}\r\n";
    } catch (ImageException e) {
      throw map(e);
    }
  }

  /**
   * The image {@code name} names, pulled when it is not in the store or when {@code pull} (a
   * build's FROM). {@code status} hears the pull's progress lines.
   *
   * @throws ImageException when it is neither here nor pullable
   */
  public Image findOrPull(String name, boolean pull, java.util.function.Consumer<String> status) {
    if (!pull) {
      java.util.Optional<Image> local = store.find(name);
      if (local.isPresent()) {
        return local.get();
      }
    }
    ImageReference ref;
    try {
      ref = ImageReference.parse(name);
    } catch (IllegalArgumentException e) {
      throw new ImageException(ImageException.Kind.INVALID, "invalid image name \"" + name + "\": " + e.getMessage(), e);
    }
    status.accept("Pulling " + ref.familiar());
    return puller.pull(ref, null, p -> {
      if (!p.hasBytes()) {
        status.accept((p.id() == null ? "" : p.id() + ": ") + p.status());
      }
    });
  }

  public ImageStore store() {
    return store;
  }

  public Image require(String nameOrId) {
    try {
      return store.require(nameOrId);
    } catch (ImageException e) {
      throw map(e);
    }
  }

  public List<ImageSummary> list() {
    return store.list().stream().map(i -> new ImageSummary(i.id(), i.repoTags(), created(i), i.size(),
        i.config().config() == null ? null : i.config().config().labels())).toList();
  }

  public ImageInspect inspect(String name) {
    Image i = require(name);
    ImageConfig.Config c = i.config().config() == null ? ImageConfig.Config.empty() : i.config().config();
    ContainerCreateRequest cfg = new ContainerCreateRequest(null, null, c.user(), c.env(), c.cmd(), c.entrypoint(), null, c.labels(),
        c.workingDir(), null, c.stopSignal(), null, null, null, null, null);
    return new ImageInspect(i.id(), i.repoTags(), i.config().created(), i.config().os(), i.config().architecture(), i.size(), cfg,
        new ImageInspect.RootFs("layers", i.config().rootfs().diffIds()));
  }

  private static long created(Image i) {
    try {
      return Instant.parse(i.config().created()).getEpochSecond();
    } catch (RuntimeException e) {
      return 0;
    }
  }

  static ApiException map(ImageException e) {
    return switch (e.kind()) {
      case INVALID -> ApiException.badRequest(e.getMessage());
      case NOT_FOUND -> ApiException.notFound(e.getMessage());
      case IO -> new ApiException(500, e.getMessage(), e);
    };
  }

  static void closeQuietly(InputStream in) {
    try {
      in.close();
    } catch (IOException ignored) {
      // nothing to do
    }
  }
}
