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
  private volatile dev.jcompose.image.push.ImagePush pusher;

  public ImageService(ImageStore store) {
    this(store, new ImagePull(store, new RegistryClient(RegistryCredentials.fromDockerConfig(), insecureRegistries()),
        ImagePull.DEFAULT_CONCURRENT_DOWNLOADS));
  }

  public ImageService(ImageStore store, ImagePull puller) {
    this.store = store;
    this.puller = puller;
  }

  /** What the image calls need to know of containers: which ones use which image. */
  public interface ContainerImages {
    /** Every container (id, names, ImageID, state). */
    List<dev.jcompose.api.model.ContainerSummary> all();
  }

  // ---- push

  /**
   * {@code POST /images/{name}/push?tag=TAG}: pushes the image to its registry, streaming
   * dockerd's progress lines and ending with its {@code aux} line (Tag, Digest, Size). Without a
   * tag, every tag of the repository is pushed. Credentials come from {@code ~/.docker/config.json}.
   */
  public ApiResponse push(String name, String tag) {
    List<ImageReference> refs = new java.util.ArrayList<>();
    try {
      ImageReference base = ImageReference.parse(name);
      if (tag != null && !tag.isEmpty()) {
        refs.add(ImageReference.parse(base.registry() + "/" + base.repository() + ":" + tag));
      } else if (name.contains(":") && name.lastIndexOf(':') > name.lastIndexOf('/')) {
        refs.add(base);
      } else {
        for (Image i : store.list()) {
          for (ImageReference r : store.referencesTo(i.id())) {
            if (r.registry().equals(base.registry()) && r.repository().equals(base.repository()) && r.tag() != null) {
              refs.add(r);
            }
          }
        }
      }
    } catch (IllegalArgumentException e) {
      throw ApiException.badRequest(e.getMessage());
    }
    if (refs.isEmpty()) {
      throw ApiException.notFound("An image does not exist locally with the tag: " + name);
    }
    if (store.find(refs.get(0).canonical()).isEmpty()) {
      throw ApiException.notFound("An image does not exist locally with the tag: " + refs.get(0).familiar());
    }
    dev.jcompose.image.push.ImagePush p = pusher();
    return new ApiResponse.Streaming(200, "application/json", out -> {
      try {
        for (ImageReference ref : refs) {
          dev.jcompose.image.push.ImagePush.Result r = p.push(ref, progress -> writeLine(out, progressLine(progress)));
          writeLine(out, Map.of("progressDetail", Map.of(), "aux", Map.of("Tag", r.tag(), "Digest", r.digest().toString(),
              "Size", r.size())));
        }
      } catch (ImageException e) {
        writeLine(out, Map.of("error", e.getMessage(), "errorDetail", Map.of("message", e.getMessage())));
      }
    });
  }

  private dev.jcompose.image.push.ImagePush pusher() {
    if (pusher == null) {
      pusher = new dev.jcompose.image.push.ImagePush(store,
          new RegistryClient(RegistryCredentials.fromDockerConfig(), insecureRegistries()));
    }
    return pusher;
  }

  // ---- tag, remove, prune, history

  /** {@code POST /images/{name}/tag?repo=REPO&tag=TAG}. */
  public void tag(String name, String repo, String tag) {
    if (repo == null || repo.isEmpty()) {
      throw ApiException.badRequest("tagging needs repo=NAME[&tag=TAG]");
    }
    Image image = require(name);
    try {
      ImageReference ref = ImageReference.parse(tag == null || tag.isEmpty() ? repo : repo + ":" + tag);
      store.tag(image.id(), ref);
    } catch (IllegalArgumentException e) {
      throw ApiException.badRequest(e.getMessage());
    } catch (IOException e) {
      throw new ApiException(500, "tagging " + name + " failed: " + e.getMessage(), e);
    }
  }

  /**
   * {@code DELETE /images/{name}?force=&noprune=}, with dockerd's rules: a name of an image that has
   * others is only untagged; the last name, or the id, deletes the image and the layers no other
   * image uses. An image a container uses is refused (409, naming the container) unless forced;
   * forced, it loses its names but stays for the container. Answers dockerd's
   * {@code [{"Untagged":…},{"Deleted":…}]}.
   */
  public List<Map<String, String>> remove(String name, boolean force, ContainerImages containers) {
    Image image = require(name);
    List<Map<String, String>> out = new java.util.ArrayList<>();
    ImageReference byName = referenceNaming(name, image);
    List<dev.jcompose.api.model.ContainerSummary> users = usersOf(image.id(), containers);
    String shortId = image.id().substring(7, 19);
    if (byName != null && image.repoTags().size() > 1) {
      store.untag(byName);
      out.add(Map.of("Untagged", byName.familiar()));
      return out;
    }
    if (!users.isEmpty()) {
      dev.jcompose.api.model.ContainerSummary c = users.get(0);
      String who = "container " + c.id().substring(0, Math.min(12, c.id().length())) + " (" + c.name() + ")";
      if (!force) {
        throw ApiException.conflict(byName != null
            ? "conflict: unable to remove repository reference \"" + name + "\" (must force) - " + who + " is using its referenced image " + shortId
            : "conflict: unable to delete " + shortId + " (must be forced) - image is being used by " + who);
      }
      if ("running".equals(c.state())) {
        throw ApiException.conflict("conflict: unable to delete " + shortId + " (cannot be forced) - image is being used by running " + who);
      }
      for (ImageReference r : store.referencesTo(image.id())) {
        store.untag(r);
        out.add(Map.of("Untagged", r.familiar()));
      }
      return out;
    }
    if (byName == null && image.repoTags().size() > 1 && !force) {
      throw ApiException.conflict("conflict: unable to delete " + shortId + " (must be forced) - image is referenced in multiple repositories");
    }
    for (ImageReference r : store.referencesTo(image.id())) {
      out.add(Map.of("Untagged", r.familiar()));
    }
    try {
      for (String d : store.delete(image.id()).deleted()) {
        out.add(Map.of("Deleted", d));
      }
    } catch (ImageException e) {
      throw map(e);
    }
    return out;
  }

  /**
   * {@code POST /images/prune?filters=}: deletes the dangling images (no name) no container uses;
   * with {@code {"dangling":["false"]}} every image no container uses. Answers
   * {@code {"ImagesDeleted":[…],"SpaceReclaimed":N}}.
   */
  public Map<String, Object> prune(String filtersJson, ContainerImages containers) {
    dev.jcompose.engine.Filters filters = dev.jcompose.engine.Filters.parse(filtersJson);
    boolean all = filters.get("dangling").stream().anyMatch(v -> v.equalsIgnoreCase("false") || v.equals("0"));
    Set<String> used = containers.all().stream().map(dev.jcompose.api.model.ContainerSummary::imageId)
        .filter(java.util.Objects::nonNull).collect(Collectors.toSet());
    List<Map<String, String>> deleted = new java.util.ArrayList<>();
    long reclaimed = 0;
    for (Image i : store.listAll()) {
      if (used.contains(i.id()) || (!all && !i.repoTags().isEmpty())) {
        continue;
      }
      if (!filters.matchesLabels(i.config().config() == null || i.config().config().labels() == null ? Map.of()
          : i.config().config().labels())) {
        continue;
      }
      for (ImageReference r : store.referencesTo(i.id())) {
        deleted.add(Map.of("Untagged", r.familiar()));
      }
      ImageStore.Removal removal = store.delete(i.id());
      removal.deleted().forEach(d -> deleted.add(Map.of("Deleted", d)));
      reclaimed += removal.reclaimed();
    }
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("ImagesDeleted", deleted.isEmpty() ? null : deleted);
    out.put("SpaceReclaimed", reclaimed);
    return out;
  }

  /** {@code GET /images/{name}/history}: the config's history, newest first, with the size of each step's layer. */
  public List<Map<String, Object>> history(String name) {
    Image image = require(name);
    List<ImageConfig.History> history = image.config().history() == null ? List.of() : image.config().history();
    List<String> diffIds = image.config().rootfs().diffIds();
    List<Map<String, Object>> out = new java.util.ArrayList<>();
    int layer = 0;
    for (ImageConfig.History h : history) {
      Map<String, Object> row = new LinkedHashMap<>();
      boolean empty = Boolean.TRUE.equals(h.emptyLayer()) || layer >= diffIds.size();
      row.put("Id", "<missing>");
      row.put("Created", epoch(h.created()));
      row.put("CreatedBy", h.createdBy() == null ? "" : h.createdBy());
      row.put("Tags", null);
      row.put("Size", empty ? 0L : store.layerSize(dev.jcompose.image.Digest.parse(diffIds.get(layer))));
      row.put("Comment", h.comment() == null ? "" : h.comment());
      if (!empty) {
        layer++;
      }
      out.add(0, row);
    }
    if (out.isEmpty()) {
      Map<String, Object> row = new LinkedHashMap<>();
      row.put("Created", epoch(image.config().created()));
      row.put("CreatedBy", "");
      row.put("Size", image.size());
      row.put("Comment", "");
      out.add(row);
    }
    out.get(0).put("Id", image.id());
    out.get(0).put("Tags", image.repoTags());
    return out;
  }

  private static long epoch(String created) {
    try {
      return Instant.parse(created).getEpochSecond();
    } catch (RuntimeException e) {
      return 0;
    }
  }

  private ImageReference referenceNaming(String name, Image image) {
    try {
      ImageReference ref = ImageReference.parse(name);
      return store.idOf(ref).filter(image.id()::equals).map(id -> ref).orElse(null);
    } catch (IllegalArgumentException e) {
      return null;
    }
  }

  private static List<dev.jcompose.api.model.ContainerSummary> usersOf(String imageId, ContainerImages containers) {
    return containers.all().stream().filter(c -> imageId.equals(c.imageId())).toList();
  }

  // ---- save and load

  /** {@code GET /images/get?names=…}: the images as a docker-archive tar, streamed. */
  public ApiResponse save(List<String> names) {
    if (names == null || names.isEmpty()) {
      throw ApiException.badRequest("saving images needs names=NAME (one or more)");
    }
    for (String n : names) {
      require(n);
    }
    return new ApiResponse.Streaming(200, "application/x-tar", out -> new dev.jcompose.image.archive.ImageArchive(store).save(names, out));
  }

  /** {@code POST /images/load}: loads a docker-archive or OCI layout tar; answers dockerd's {@code {"stream":"Loaded image: …\n"}} lines. */
  public String load(InputStream archive) {
    StringBuilder out = new StringBuilder();
    try {
      new dev.jcompose.image.archive.ImageArchive(store).load(archive, line -> {
        try {
          out.append(JSON.writeValueAsString(Map.of("stream", line + "\n"))).append("\r\n");
        } catch (IOException e) {
          throw new java.io.UncheckedIOException(e);
        }
      });
    } catch (ImageException e) {
      throw map(e);
    }
    return out.toString();
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

  /** {@code GET /images/json}: the tagged and the dangling images (not build intermediates), as {@code docker images}. */
  public List<ImageSummary> list() {
    return store.listAll().stream().map(i -> new ImageSummary(i.id(), i.repoTags(), created(i), i.size(),
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
