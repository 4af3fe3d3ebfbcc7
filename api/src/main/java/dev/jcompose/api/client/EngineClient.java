package dev.jcompose.api.client;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.jcompose.api.model.ContainerCreateRequest;
import dev.jcompose.api.model.ContainerInspect;
import dev.jcompose.api.model.ContainerSummary;
import dev.jcompose.api.model.ErrorResponse;
import dev.jcompose.api.model.ExecCreateRequest;
import dev.jcompose.api.model.ExecInspect;
import dev.jcompose.api.model.ExecStartRequest;
import dev.jcompose.api.model.IdResponse;
import dev.jcompose.api.model.ImageInspect;
import dev.jcompose.api.model.ImageSummary;
import dev.jcompose.api.model.Json;
import dev.jcompose.api.model.NetworkConnectRequest;
import dev.jcompose.api.model.NetworkCreateRequest;
import dev.jcompose.api.model.NetworkResource;
import dev.jcompose.api.model.VersionResponse;
import dev.jcompose.api.model.Volume;
import dev.jcompose.api.model.VolumeCreateRequest;
import dev.jcompose.api.model.VolumeListResponse;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** Typed calls to the engine's Docker-shaped HTTP API. */
public final class EngineClient {
  public static final String API_PREFIX = "/v1.41";
  private static final ObjectMapper JSON = Json.mapper();
  private final UnixHttpTransport transport;

  public EngineClient(Path socket) {
    this.transport = new UnixHttpTransport(socket);
  }

  public Path socket() {
    return transport.socket();
  }

  /** True when an engine answers {@code GET /_ping} on the socket. */
  public boolean ping() {
    if (!Files.exists(transport.socket())) {
      return false;
    }
    try (UnixHttpTransport.Response r = transport.send("GET", "/_ping", null, null, 0)) {
      return r.status() == 200;
    } catch (IOException e) {
      return false;
    }
  }

  public VersionResponse version() {
    return call("GET", "/version", null, VersionResponse.class);
  }

  // ---- containers ----

  public IdResponse createContainer(String name, ContainerCreateRequest request) {
    return call("POST", "/containers/create?name=" + enc(name), request, IdResponse.class);
  }

  public void startContainer(String id) {
    call("POST", "/containers/" + enc(id) + "/start", null, Void.class);
  }

  public void stopContainer(String id, Integer timeoutSeconds) {
    call("POST", "/containers/" + enc(id) + "/stop" + (timeoutSeconds == null ? "" : "?t=" + timeoutSeconds), null, Void.class);
  }

  public void killContainer(String id, String signal) {
    call("POST", "/containers/" + enc(id) + "/kill" + (signal == null ? "" : "?signal=" + enc(signal)), null, Void.class);
  }

  /** {@code POST /containers/{id}/pause}: freezes every process of the container. */
  public void pauseContainer(String id) {
    call("POST", "/containers/" + enc(id) + "/pause", null, Void.class);
  }

  public void unpauseContainer(String id) {
    call("POST", "/containers/" + enc(id) + "/unpause", null, Void.class);
  }

  public void removeContainer(String id, boolean force, boolean removeVolumes) {
    call("DELETE", "/containers/" + enc(id) + "?force=" + force + "&v=" + removeVolumes, null, Void.class);
  }

  /** {@code GET /containers/{id}/top}: "Titles" and "Processes" (rows of strings). */
  public Map<String, Object> topContainer(String id) {
    return call("GET", "/containers/" + enc(id) + "/top", null, new TypeReference<Map<String, Object>>() {});
  }

  /** {@code GET /containers/{id}/stats?stream=false}: one sample of CPU, memory and processes, in Docker's shape. */
  public com.fasterxml.jackson.databind.JsonNode containerStats(String id) {
    return call("GET", "/containers/" + enc(id) + "/stats?stream=false", null, com.fasterxml.jackson.databind.JsonNode.class);
  }

  public ContainerInspect inspectContainer(String id) {
    return call("GET", "/containers/" + enc(id) + "/json", null, ContainerInspect.class);
  }

  /** {@code GET /containers/json}; {@code labelFilters} are "key" or "key=value". */
  public List<ContainerSummary> listContainers(boolean all, List<String> labelFilters) {
    return call("GET", "/containers/json?all=" + all + labelFilterQuery(labelFilters), null,
        new TypeReference<List<ContainerSummary>>() {});
  }

  /**
   * Streams a container's logs (Docker's multiplexed stream) to {@code sink} until the engine
   * ends the response: at once without {@code follow}, when the container stops with it.
   */
  public void logs(String id, boolean follow, String tail, boolean timestamps, LogFrameDecoder.Sink sink) {
    String q = "/containers/" + enc(id) + "/logs?stdout=1&stderr=1&follow=" + (follow ? 1 : 0)
        + "&timestamps=" + (timestamps ? 1 : 0) + (tail == null ? "" : "&tail=" + enc(tail));
    try (UnixHttpTransport.Response r = open("GET", q, null)) {
      LogFrameDecoder.decode(r.body(), sink);
    } catch (IOException e) {
      throw new UncheckedIOException("reading the logs of " + id + " failed: " + e.getMessage(), e);
    }
  }

  // ---- exec ----

  /** {@code POST /containers/{id}/exec}: registers a command to run in the running container; returns its exec id. */
  public IdResponse createExec(String containerId, ExecCreateRequest request) {
    return call("POST", "/containers/" + enc(containerId) + "/exec", request, IdResponse.class);
  }

  /**
   * {@code POST /exec/{id}/start} without TTY: streams the command's output (Docker's multiplexed
   * stream) to {@code sink} until it exits; with {@code detach} it returns at once.
   */
  public void startExec(String execId, boolean detach, LogFrameDecoder.Sink sink) {
    try (UnixHttpTransport.Response r = open("POST", "/exec/" + enc(execId) + "/start", new ExecStartRequest(detach, false))) {
      LogFrameDecoder.decode(r.body(), sink);
    } catch (IOException e) {
      throw new UncheckedIOException("reading the output of exec " + execId + " failed: " + e.getMessage(), e);
    }
  }

  /** {@code GET /exec/{id}/json}: whether it runs, and its exit code once it has exited. */
  public ExecInspect inspectExec(String execId) {
    return call("GET", "/exec/" + enc(execId) + "/json", null, ExecInspect.class);
  }

  /**
   * {@code GET /events}: calls {@code sink} with each event's JSON object as it happens, until the
   * engine ends the stream or {@code sink} returns false (then the connection is closed).
   */
  public void events(List<String> labelFilters, java.util.function.Predicate<com.fasterxml.jackson.databind.JsonNode> sink) {
    String q = "/events" + (labelFilters.isEmpty() ? "" : "?" + labelFilterQuery(labelFilters).substring(1));
    try (UnixHttpTransport.Response r = open("GET", q, null);
         java.io.BufferedReader lines = new java.io.BufferedReader(new java.io.InputStreamReader(r.body(), StandardCharsets.UTF_8))) {
      for (String line = lines.readLine(); line != null; line = lines.readLine()) {
        if (!line.isBlank() && !sink.test(JSON.readTree(line))) {
          return;
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("reading the engine's events failed: " + e.getMessage(), e);
    }
  }

  // ---- networks ----

  public IdResponse createNetwork(NetworkCreateRequest request) {
    return call("POST", "/networks/create", request, IdResponse.class);
  }

  public List<NetworkResource> listNetworks(List<String> labelFilters) {
    return call("GET", "/networks" + (labelFilters.isEmpty() ? "" : "?" + labelFilterQuery(labelFilters).substring(1)), null,
        new TypeReference<List<NetworkResource>>() {});
  }

  public NetworkResource inspectNetwork(String idOrName) {
    return call("GET", "/networks/" + enc(idOrName), null, NetworkResource.class);
  }

  public void removeNetwork(String idOrName) {
    call("DELETE", "/networks/" + enc(idOrName), null, Void.class);
  }

  public void connectNetwork(String network, NetworkConnectRequest request) {
    call("POST", "/networks/" + enc(network) + "/connect", request, Void.class);
  }

  // ---- volumes ----

  public Volume createVolume(VolumeCreateRequest request) {
    return call("POST", "/volumes/create", request, Volume.class);
  }

  public List<Volume> listVolumes(List<String> labelFilters) {
    VolumeListResponse r = call("GET", "/volumes" + (labelFilters.isEmpty() ? "" : "?" + labelFilterQuery(labelFilters).substring(1)),
        null, VolumeListResponse.class);
    return r.volumes() == null ? List.of() : r.volumes();
  }

  public Volume inspectVolume(String name) {
    return call("GET", "/volumes/" + enc(name), null, Volume.class);
  }

  /** {@code POST /volumes/prune}: the names of the volumes removed (none in use by a container). */
  @SuppressWarnings("unchecked")
  public List<String> pruneVolumes(List<String> labelFilters) {
    Map<String, Object> r = call("POST", "/volumes/prune" + (labelFilters.isEmpty() ? "" : "?" + labelFilterQuery(labelFilters).substring(1)),
        null, new TypeReference<Map<String, Object>>() {});
    Object deleted = r == null ? null : r.get("VolumesDeleted");
    return deleted == null ? List.of() : (List<String>) deleted;
  }

  public void removeVolume(String name, boolean force) {
    call("DELETE", "/volumes/" + enc(name) + "?force=" + force, null, Void.class);
  }

  // ---- images ----

  /** {@code POST /images/create?fromSrc=-}: imports a root filesystem tarball as an image. */
  public String importImage(Path tarball, String repo, String tag) {
    String q = "/images/create?fromSrc=-&repo=" + enc(repo) + (tag == null ? "" : "&tag=" + enc(tag));
    try (InputStream in = Files.newInputStream(tarball);
         UnixHttpTransport.Response r = transport.send("POST", API_PREFIX + q, "application/x-tar", in, Files.size(tarball))) {
      byte[] body = r.readAll();
      if (r.status() >= 300) {
        throw error(r.status(), body);
      }
      return new String(body, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw unavailable(e);
    }
  }

  /** One line of a pull's progress stream: a status, the layer it is about, and bytes done / in all when known. */
  public record PullStatus(String status, String id, Long current, Long total) {}

  /**
   * {@code POST /images/create?fromImage=IMAGE}: pulls {@code image} (NAME[:TAG|@DIGEST]) for
   * {@code platform} (null: the engine's), handing each progress line to {@code progress}; an
   * error line from the engine becomes an {@link EngineApiException}.
   */
  public void pullImage(String image, String platform, java.util.function.Consumer<PullStatus> progress) {
    String q = "/images/create?fromImage=" + enc(image) + (platform == null ? "" : "&platform=" + enc(platform));
    try (UnixHttpTransport.Response r = open("POST", q, null);
         java.io.BufferedReader lines = new java.io.BufferedReader(new java.io.InputStreamReader(r.body(), StandardCharsets.UTF_8))) {
      for (String line = lines.readLine(); line != null; line = lines.readLine()) {
        if (line.isBlank()) {
          continue;
        }
        com.fasterxml.jackson.databind.JsonNode n = JSON.readTree(line);
        if (n.hasNonNull("error")) {
          throw new EngineApiException(500, n.get("error").asText());
        }
        com.fasterxml.jackson.databind.JsonNode d = n.path("progressDetail");
        progress.accept(new PullStatus(n.path("status").asText(""), n.hasNonNull("id") ? n.get("id").asText() : null,
            d.hasNonNull("current") ? d.get("current").asLong() : null, d.hasNonNull("total") ? d.get("total").asLong() : null));
      }
    } catch (IOException e) {
      throw unavailable(e);
    }
  }

  /** What the context writer of {@link #build} writes into the request body. */
  public interface ContextWriter {
    void writeTo(java.io.OutputStream out) throws IOException;
  }

  /**
   * {@code POST /build?QUERY} with the context tar that {@code context} writes (streamed, chunked);
   * each {@code stream} text of the answer goes to {@code output} as it comes. Returns the image id.
   *
   * @param query the query string without {@code ?}, its values already encoded ({@link #enc})
   * @throws EngineApiException for the engine's error line (a failed step), with its message
   */
  public String build(String query, ContextWriter context, java.util.function.Consumer<String> output) {
    java.io.PipedInputStream body = new java.io.PipedInputStream(1 << 16);
    java.util.concurrent.CompletableFuture<Void> writer = new java.util.concurrent.CompletableFuture<>();
    try {
      java.io.PipedOutputStream pipe = new java.io.PipedOutputStream(body);
      Thread t = new Thread(() -> {
        try (pipe) {
          context.writeTo(pipe);
          writer.complete(null);
        } catch (IOException | RuntimeException e) {
          writer.completeExceptionally(e);
        }
      }, "build-context");
      t.setDaemon(true);
      t.start();
    } catch (IOException e) {
      throw unavailable(e);
    }
    String id = null;
    try (UnixHttpTransport.Response r = transport.send("POST", API_PREFIX + "/build?" + query, "application/x-tar", body, -1)) {
      if (r.status() >= 300) {
        throw error(r.status(), r.readAll());
      }
      try (java.io.BufferedReader lines = new java.io.BufferedReader(new java.io.InputStreamReader(r.body(), StandardCharsets.UTF_8))) {
        for (String line = lines.readLine(); line != null; line = lines.readLine()) {
          if (line.isBlank()) {
            continue;
          }
          com.fasterxml.jackson.databind.JsonNode n = JSON.readTree(line);
          if (n.hasNonNull("error")) {
            throw new EngineApiException(500, n.get("error").asText());
          }
          if (n.hasNonNull("stream")) {
            output.accept(n.get("stream").asText());
          }
          if (n.path("aux").hasNonNull("ID")) {
            id = n.path("aux").get("ID").asText();
          }
        }
      }
    } catch (IOException e) {
      if (writer.isCompletedExceptionally()) {
        throw contextFailure(writer);
      }
      throw unavailable(e);
    }
    if (writer.isCompletedExceptionally()) {
      throw contextFailure(writer);
    }
    if (id == null) {
      throw new EngineApiException(500, "the engine ended the build without an image id");
    }
    return id;
  }

  private static RuntimeException contextFailure(java.util.concurrent.CompletableFuture<Void> writer) {
    try {
      writer.join();
      return new IllegalStateException("unreachable");
    } catch (java.util.concurrent.CompletionException e) {
      return e.getCause() instanceof RuntimeException re ? re
          : new java.io.UncheckedIOException("sending the build context failed: " + e.getCause().getMessage(),
              e.getCause() instanceof IOException io ? io : new IOException(e.getCause()));
    }
  }

  public List<ImageSummary> listImages() {
    return call("GET", "/images/json", null, new TypeReference<List<ImageSummary>>() {});
  }

  public ImageInspect inspectImage(String name) {
    return call("GET", "/images/" + enc(name) + "/json", null, ImageInspect.class);
  }

  /**
   * {@code POST /images/{name}/push?tag=TAG}: pushes the image to its registry, handing each
   * progress line to {@code progress}; an error line becomes an {@link EngineApiException}.
   */
  public void pushImage(String name, String tag, java.util.function.Consumer<PullStatus> progress) {
    String q = "/images/" + enc(name) + "/push" + (tag == null ? "" : "?tag=" + enc(tag));
    try (UnixHttpTransport.Response r = open("POST", q, null);
         java.io.BufferedReader lines = new java.io.BufferedReader(new java.io.InputStreamReader(r.body(), StandardCharsets.UTF_8))) {
      for (String line = lines.readLine(); line != null; line = lines.readLine()) {
        if (line.isBlank()) {
          continue;
        }
        com.fasterxml.jackson.databind.JsonNode n = JSON.readTree(line);
        if (n.hasNonNull("error")) {
          throw new EngineApiException(500, n.get("error").asText());
        }
        if (!n.hasNonNull("status")) {
          continue; // the aux line
        }
        com.fasterxml.jackson.databind.JsonNode d = n.path("progressDetail");
        progress.accept(new PullStatus(n.path("status").asText(""), n.hasNonNull("id") ? n.get("id").asText() : null,
            d.hasNonNull("current") ? d.get("current").asLong() : null, d.hasNonNull("total") ? d.get("total").asLong() : null));
      }
    } catch (IOException e) {
      throw unavailable(e);
    }
  }

  /** {@code POST /images/{name}/tag?repo=&tag=}. */
  public void tagImage(String source, String repo, String tag) {
    call("POST", "/images/" + enc(source) + "/tag?repo=" + enc(repo) + (tag == null ? "" : "&tag=" + enc(tag)), null, Void.class);
  }

  /** {@code DELETE /images/{name}}: dockerd's answer, a list of {"Untagged": name} and {"Deleted": id}. */
  public List<Map<String, String>> removeImage(String name, boolean force) {
    List<Map<String, String>> r = call("DELETE", "/images/" + enc(name) + "?force=" + force, null,
        new TypeReference<List<Map<String, String>>>() {});
    return r == null ? List.of() : r;
  }

  /** {@code POST /images/prune}: dangling images, or with {@code all} every unused one; {"ImagesDeleted": […], "SpaceReclaimed": n}. */
  public Map<String, Object> pruneImages(boolean all) {
    String q = "/images/prune" + (all ? "?filters=" + enc("{\"dangling\":[\"false\"]}") : "");
    return call("POST", q, null, new TypeReference<Map<String, Object>>() {});
  }

  /** {@code GET /images/{name}/history}: newest step first. */
  public List<Map<String, Object>> imageHistory(String name) {
    return call("GET", "/images/" + enc(name) + "/history", null, new TypeReference<List<Map<String, Object>>>() {});
  }

  /** {@code GET /images/get?names=…}: writes the images as a docker-archive tar to {@code out}. */
  public void saveImages(List<String> names, java.io.OutputStream out) {
    StringBuilder q = new StringBuilder("/images/get");
    for (int i = 0; i < names.size(); i++) {
      q.append(i == 0 ? '?' : '&').append("names=").append(enc(names.get(i)));
    }
    try (UnixHttpTransport.Response r = open("GET", q.toString(), null)) {
      r.body().transferTo(out);
    } catch (IOException e) {
      throw new UncheckedIOException("saving " + names + " failed: " + e.getMessage(), e);
    }
  }

  /** {@code POST /images/load}: loads a docker-archive or OCI layout tar; returns the "Loaded image: …" lines. */
  public List<String> loadImages(InputStream archive, long length) {
    try (UnixHttpTransport.Response r = transport.send("POST", API_PREFIX + "/images/load", "application/x-tar", archive, length)) {
      byte[] body = r.readAll();
      if (r.status() >= 300) {
        throw error(r.status(), body);
      }
      List<String> out = new java.util.ArrayList<>();
      for (String line : new String(body, StandardCharsets.UTF_8).split("\r?\n")) {
        if (!line.isBlank()) {
          out.add(JSON.readTree(line).path("stream").asText("").strip());
        }
      }
      return out;
    } catch (IOException e) {
      throw unavailable(e);
    }
  }

  // ---- archive (docker cp) ----

  /** Docker's {@code types.ContainerPathStat}, from the {@code X-Docker-Container-Path-Stat} header; {@code mode} is a Go os.FileMode. */
  public record PathStat(String name, long size, long mode, String mtime, String linkTarget) {
    public boolean isDir() {
      return (mode & (1L << 31)) != 0;
    }

    public boolean isSymlink() {
      return (mode & (1L << 27)) != 0;
    }
  }

  /** {@code HEAD /containers/{id}/archive?path=P}. */
  public PathStat statContainerPath(String id, String path) {
    try (UnixHttpTransport.Response r = open("HEAD", "/containers/" + enc(id) + "/archive?path=" + enc(path), null)) {
      return pathStat(r);
    } catch (EngineApiException e) {
      if (e.getMessage() == null || e.getMessage().isBlank()) { // a HEAD answer has no body to say why
        throw new EngineApiException(e.status(), e.status() == 404 ? "Could not find the file " + path + " in container " + id
            : "stat of " + path + " in container " + id + " failed with HTTP status " + e.status());
      }
      throw e;
    }
  }

  /** {@code GET /containers/{id}/archive?path=P}: writes the tar to {@code out}; returns P's stat. */
  public PathStat copyFromContainer(String id, String path, java.io.OutputStream out) {
    try (UnixHttpTransport.Response r = open("GET", "/containers/" + enc(id) + "/archive?path=" + enc(path), null)) {
      PathStat stat = pathStat(r);
      r.body().transferTo(out);
      return stat;
    } catch (IOException e) {
      throw new UncheckedIOException("copying " + path + " out of container " + id + " failed: " + e.getMessage(), e);
    }
  }

  /** {@code PUT /containers/{id}/archive?path=DIR}: extracts the tar {@code tarball} into the existing directory DIR. */
  public void copyToContainer(String id, String dir, Path tarball, boolean copyUidGid, boolean allowOverwriteDirWithFile) {
    String q = "/containers/" + enc(id) + "/archive?path=" + enc(dir) + "&noOverwriteDirNonDir=" + !allowOverwriteDirWithFile
        + "&copyUIDGID=" + copyUidGid;
    try (InputStream in = Files.newInputStream(tarball);
         UnixHttpTransport.Response r = transport.send("PUT", API_PREFIX + q, "application/x-tar", in, Files.size(tarball))) {
      byte[] body = r.readAll();
      if (r.status() >= 300) {
        throw error(r.status(), body);
      }
    } catch (IOException e) {
      throw unavailable(e);
    }
  }

  private static PathStat pathStat(UnixHttpTransport.Response r) {
    String h = r.header("X-Docker-Container-Path-Stat");
    if (h == null || h.isEmpty()) {
      return null;
    }
    try {
      return JSON.readValue(java.util.Base64.getDecoder().decode(h), PathStat.class);
    } catch (IOException | IllegalArgumentException e) {
      throw new UncheckedIOException(new IOException("the engine's X-Docker-Container-Path-Stat header is not valid: " + e.getMessage(), e));
    }
  }

  // ---- plumbing ----

  private <T> T call(String method, String path, Object body, Class<T> type) {
    byte[] bytes = exchange(method, path, body);
    if (type == Void.class || bytes.length == 0) {
      return null;
    }
    try {
      return JSON.readValue(bytes, type);
    } catch (IOException e) {
      throw new UncheckedIOException("the engine's answer to " + method + " " + path + " is not valid JSON: " + e.getMessage(), e);
    }
  }

  private <T> T call(String method, String path, Object body, TypeReference<T> type) {
    byte[] bytes = exchange(method, path, body);
    try {
      return JSON.readValue(bytes, type);
    } catch (IOException e) {
      throw new UncheckedIOException("the engine's answer to " + method + " " + path + " is not valid JSON: " + e.getMessage(), e);
    }
  }

  private byte[] exchange(String method, String path, Object body) {
    try (UnixHttpTransport.Response r = open(method, path, body)) {
      return r.readAll();
    } catch (IOException e) {
      throw unavailable(e);
    }
  }

  private UnixHttpTransport.Response open(String method, String path, Object body) {
    UnixHttpTransport.Response r = null;
    try {
      if (body == null) {
        r = transport.send(method, API_PREFIX + path, null, null, 0);
      } else {
        byte[] json = JSON.writeValueAsBytes(body);
        r = transport.send(method, API_PREFIX + path, "application/json", new ByteArrayInputStream(json), json.length);
      }
      if (r.status() >= 300 && r.status() != 304) {
        byte[] err = r.readAll();
        r.close();
        throw error(r.status(), err);
      }
      return r;
    } catch (IOException e) {
      if (r != null) {
        r.close();
      }
      throw unavailable(e);
    }
  }

  private EngineUnavailableException unavailable(IOException e) {
    if (String.valueOf(e.getMessage()).contains("Permission denied")) {
      return new EngineUnavailableException("permission denied on the jcompose engine's socket " + transport.socket()
          + ": it is root's (mode 0660); run jcompose as root or as a member of the socket's group", e);
    }
    return new EngineUnavailableException("cannot talk to the jcompose engine at " + transport.socket() + ": " + e.getMessage()
        + " (is it running? `jcompose engine run` starts it in the foreground)", e);
  }

  private static EngineApiException error(int status, byte[] body) {
    String message;
    try {
      ErrorResponse er = JSON.readValue(body, ErrorResponse.class);
      message = er.message() == null ? new String(body, StandardCharsets.UTF_8) : er.message();
    } catch (IOException e) {
      message = new String(body, StandardCharsets.UTF_8).strip();
    }
    return new EngineApiException(status, message);
  }

  static String labelFilterQuery(List<String> labelFilters) {
    if (labelFilters == null || labelFilters.isEmpty()) {
      return "";
    }
    try {
      return "&filters=" + enc(JSON.writeValueAsString(Map.of("label", labelFilters)));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String enc(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }
}
