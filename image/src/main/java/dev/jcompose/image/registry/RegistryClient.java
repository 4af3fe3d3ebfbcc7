package dev.jcompose.image.registry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.jcompose.image.Digest;
import dev.jcompose.image.ImageException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongConsumer;

/**
 * Talks the OCI distribution API (Docker registry v2) to pull (manifests and indexes by tag or
 * digest, blobs by digest) and to push (blob existence, monolithic blob uploads, manifests). Authenticates as Docker does: a 401 with a {@code Bearer}
 * challenge is answered with a token from the realm it names (sending the user's credentials
 * there when it has any), a {@code Basic} challenge with the credentials themselves. Every byte
 * it returns has been checked against its digest.
 */
public final class RegistryClient {
  private static final int MAX_MANIFEST_BYTES = 4 << 20;
  private static final Duration HEADERS_TIMEOUT = Duration.ofSeconds(60);
  private final HttpClient http;
  private final RegistryCredentials credentials;
  private final Set<String> insecureRegistries;
  /** Authorization header per registry and repository, once a challenge was answered. */
  private final Map<String, String> authorizations = new ConcurrentHashMap<>();

  public RegistryClient(RegistryCredentials credentials, Set<String> insecureRegistries) {
    this.http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).followRedirects(HttpClient.Redirect.NEVER)
        .version(HttpClient.Version.HTTP_1_1).build();
    this.credentials = credentials;
    this.insecureRegistries = Set.copyOf(insecureRegistries);
  }

  /** Fetches the manifest or index {@code reference} (a tag or a digest) of {@code repository}. */
  public FetchedManifest manifest(String registry, String repository, String reference) {
    RegistryEndpoint ep = RegistryEndpoint.of(registry, insecureRegistries);
    String what = "manifest " + registry + "/" + repository + (reference.contains(":") ? "@" : ":") + reference;
    HttpResponse<InputStream> r = send(ep, repository, ep.manifest(repository, reference), MediaTypes.ACCEPT, what);
    byte[] bytes;
    try (InputStream in = r.body()) {
      bytes = in.readNBytes(MAX_MANIFEST_BYTES + 1);
    } catch (IOException e) {
      throw new ImageException(ImageException.Kind.IO, "reading " + what + " from " + ep.base() + " failed: " + e.getMessage(), e);
    }
    if (bytes.length > MAX_MANIFEST_BYTES) {
      throw new ImageException(ImageException.Kind.INVALID, what + " is larger than " + MAX_MANIFEST_BYTES + " bytes; refusing it", null);
    }
    FetchedManifest m = FetchedManifest.of(r.headers().firstValue("Content-Type").orElse(null), bytes, what);
    if (reference.startsWith("sha256:") && !m.digest().toString().equals(reference)) {
      throw new ImageException(ImageException.Kind.INVALID, what + " has digest " + m.digest() + ", not the " + reference
          + " asked for: the registry served other content (refused)", null);
    }
    String announced = r.headers().firstValue("Docker-Content-Digest").orElse(null);
    if (announced != null && announced.startsWith("sha256:") && !announced.equals(m.digest().toString())) {
      throw new ImageException(ImageException.Kind.INVALID, what + " has digest " + m.digest() + " but the registry announced "
          + announced + " (refused: corrupt or tampered content)", null);
    }
    return m;
  }

  /**
   * Downloads blob {@code blob} to {@code target}: into a temporary file beside it first, which
   * is renamed to {@code target} only once its size and digest match, so an interrupted or
   * failed download leaves nothing at {@code target}. Reports the bytes received so far.
   */
  public void blob(String registry, String repository, Descriptor blob, Path target, LongConsumer progress) {
    RegistryEndpoint ep = RegistryEndpoint.of(registry, insecureRegistries);
    Digest expected = blob.parsedDigest();
    String what = "blob " + expected + " of " + registry + "/" + repository;
    Path tmp = target.resolveSibling(".download-" + expected.hex() + "-" + Long.toHexString(System.nanoTime()));
    try {
      HttpResponse<InputStream> r = send(ep, repository, ep.blob(repository, expected.toString()), null, what);
      MessageDigest sha = Digest.sha256();
      long received = 0;
      try (InputStream in = r.body();
           FileChannel ch = FileChannel.open(tmp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
           OutputStream out = Channels.newOutputStream(ch)) {
        byte[] buf = new byte[1 << 16];
        long lastReport = 0;
        for (int n = in.read(buf); n >= 0; n = in.read(buf)) {
          received += n;
          if (blob.size() > 0 && received > blob.size()) {
            throw new ImageException(ImageException.Kind.INVALID, what + " is larger than the " + blob.size()
                + " bytes its manifest says (refused)", null);
          }
          sha.update(buf, 0, n);
          out.write(buf, 0, n);
          if (received - lastReport >= (1 << 19)) {
            progress.accept(received);
            lastReport = received;
          }
        }
        ch.force(true);
      }
      progress.accept(received);
      Digest actual = Digest.of(sha);
      if (!actual.equals(expected) || (blob.size() > 0 && received != blob.size())) {
        throw new ImageException(ImageException.Kind.INVALID, what + ": received " + received + " bytes with digest " + actual
            + ", expected " + blob.size() + " bytes with digest " + expected + " (refused: corrupt or tampered content; nothing was kept)", null);
      }
      Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } catch (IOException e) {
      throw new ImageException(ImageException.Kind.IO, "downloading " + what + " from " + ep.base() + " failed: " + e.getMessage()
          + " (nothing was kept; pull again)", e);
    } finally {
      try {
        Files.deleteIfExists(tmp);
      } catch (IOException ignored) {
        // a stray .download- file is harmless: it is never read as a blob
      }
    }
  }

  /** GETs {@code uri}, answering one auth challenge and following redirects (without our Authorization: blob stores refuse it). */
  private HttpResponse<InputStream> send(RegistryEndpoint ep, String repository, URI uri, String accept, String what) {
    String key = ep.registry() + "/" + repository;
    try {
      HttpResponse<InputStream> r = get(uri, accept, authorizations.get(key));
      if (r.statusCode() == 401) {
        String challenge = r.headers().firstValue("WWW-Authenticate").orElse(null);
        close(r);
        authorizations.put(key, authorize(ep, repository, challenge, what));
        r = get(uri, accept, authorizations.get(key));
      }
      for (int hops = 0; hops < 5 && r.statusCode() / 100 == 3 && r.headers().firstValue("Location").isPresent(); hops++) {
        URI next = uri.resolve(r.headers().firstValue("Location").get());
        close(r);
        r = get(next, accept, null);
      }
      if (r.statusCode() != 200) {
        throw failure(r, ep, what);
      }
      return r;
    } catch (IOException e) {
      throw new ImageException(ImageException.Kind.IO, "cannot fetch " + what + " from " + ep.base() + ": "
          + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage())
          + " (is the registry running and reachable? loopback and insecure registries are spoken to over http, others over https)", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ImageException(ImageException.Kind.IO, "interrupted while fetching " + what, e);
    }
  }

  private HttpResponse<InputStream> get(URI uri, String accept, String authorization) throws IOException, InterruptedException {
    HttpRequest.Builder b = HttpRequest.newBuilder(uri).timeout(HEADERS_TIMEOUT).GET().header("User-Agent", "jcompose");
    if (accept != null) {
      b.header("Accept", accept);
    }
    if (authorization != null) {
      b.header("Authorization", authorization);
    }
    return http.send(b.build(), HttpResponse.BodyHandlers.ofInputStream());
  }

  private String authorize(RegistryEndpoint ep, String repository, String header, String what) throws IOException, InterruptedException {
    return authorize(ep, repository, header, what, "pull");
  }

  private String authorize(RegistryEndpoint ep, String repository, String header, String what, String actions)
      throws IOException, InterruptedException {
    AuthChallenge challenge;
    try {
      challenge = AuthChallenge.parse(header);
    } catch (IllegalArgumentException e) {
      throw new ImageException(ImageException.Kind.IO, "fetching " + what + ": " + e.getMessage(), e);
    }
    var creds = credentials.forRegistry(ep.registry());
    if (challenge.isBasic()) {
      return creds.orElseThrow(() -> unauthorized(ep, what, "it wants a user and password")).basicHeader();
    }
    if (!challenge.isBearer() || challenge.params().get("realm") == null) {
      throw new ImageException(ImageException.Kind.IO, "fetching " + what + ": the registry asks for \"" + header
          + "\" authentication, which jcompose does not speak (Bearer and Basic only)", null);
    }
    String scope = challenge.params().getOrDefault("scope", "repository:" + repository + ":" + actions);
    StringBuilder q = new StringBuilder(challenge.params().get("realm")).append(challenge.params().get("realm").contains("?") ? "&" : "?");
    if (challenge.params().containsKey("service")) {
      q.append("service=").append(enc(challenge.params().get("service"))).append('&');
    }
    q.append("scope=").append(enc(scope));
    HttpResponse<InputStream> r = get(URI.create(q.toString()), "application/json", creds.map(RegistryCredentials.Credentials::basicHeader).orElse(null));
    byte[] body;
    try (InputStream in = r.body()) {
      body = in.readNBytes(1 << 20);
    }
    if (r.statusCode() != 200) {
      throw unauthorized(ep, what, "its token service " + challenge.params().get("realm") + " answered " + r.statusCode() + " "
          + new String(body, StandardCharsets.UTF_8).strip());
    }
    JsonNode token = JsonMapper.builder().build().readTree(body);
    String value = token.hasNonNull("token") ? token.get("token").asText() : token.path("access_token").asText("");
    if (value.isEmpty()) {
      throw unauthorized(ep, what, "its token service answered without a token");
    }
    return "Bearer " + value;
  }

  // ---- push: the OCI distribution API's upload side

  /** True when the registry has blob {@code digest} in {@code repository} ({@code HEAD /v2/<name>/blobs/<digest>}). */
  public boolean blobExists(String registry, String repository, Digest digest) {
    RegistryEndpoint ep = RegistryEndpoint.of(registry, insecureRegistries);
    String what = "blob " + digest + " of " + registry + "/" + repository;
    HttpResponse<InputStream> r = push(ep, repository, auth -> request(ep.blob(repository, digest.toString()), auth)
        .method("HEAD", HttpRequest.BodyPublishers.noBody()).build(), what);
    close(r);
    if (r.statusCode() == 200) {
      return true;
    }
    if (r.statusCode() == 404) {
      return false;
    }
    throw new ImageException(ImageException.Kind.IO, "checking " + what + " at " + ep.base() + " failed with HTTP " + r.statusCode(), null);
  }

  /**
   * Uploads blob {@code file} (whose digest is {@code digest}) to {@code repository}: opens an
   * upload ({@code POST /v2/<name>/blobs/uploads/}) and sends it whole in the closing
   * {@code PUT <location>?digest=}, reporting the bytes sent so far.
   */
  public void uploadBlob(String registry, String repository, Digest digest, Path file, LongConsumer progress) {
    RegistryEndpoint ep = RegistryEndpoint.of(registry, insecureRegistries);
    String what = "blob " + digest + " to " + registry + "/" + repository;
    URI start = ep.base().resolve("/v2/" + repository + "/blobs/uploads/");
    HttpResponse<InputStream> opened = push(ep, repository, auth -> request(start, auth).POST(HttpRequest.BodyPublishers.noBody()).build(),
        "upload of " + what);
    close(opened);
    String location = opened.headers().firstValue("Location").orElse(null);
    if (opened.statusCode() != 202 || location == null) {
      throw new ImageException(ImageException.Kind.IO, "the registry " + ep.base() + " did not open an upload of " + what + " (HTTP "
          + opened.statusCode() + (location == null ? ", no Location" : "") + ")", null);
    }
    URI put = start.resolve(location + (location.contains("?") ? "&" : "?") + "digest=" + enc(digest.toString()));
    long size;
    try {
      size = Files.size(file);
    } catch (IOException e) {
      throw new ImageException(ImageException.Kind.IO, "reading " + file + ": " + e.getMessage(), e);
    }
    HttpResponse<InputStream> done = push(ep, repository, auth -> request(put, auth).header("Content-Type", "application/octet-stream")
        .PUT(HttpRequest.BodyPublishers.fromPublisher(HttpRequest.BodyPublishers.ofInputStream(() -> counting(file, progress)), size))
        .build(), "upload of " + what);
    if (done.statusCode() != 201) {
      throw failureQuietly(done, ep, "upload of " + what);
    }
    close(done);
    String stored = done.headers().firstValue("Docker-Content-Digest").orElse(digest.toString());
    if (!stored.equals(digest.toString())) {
      throw new ImageException(ImageException.Kind.INVALID, "the registry stored " + what + " as " + stored + " (refused)", null);
    }
  }

  /** PUTs manifest {@code bytes} as {@code reference} (a tag) of {@code repository}; returns the digest the registry gave it. */
  public Digest putManifest(String registry, String repository, String reference, String mediaType, byte[] bytes) {
    RegistryEndpoint ep = RegistryEndpoint.of(registry, insecureRegistries);
    String what = "manifest " + registry + "/" + repository + ":" + reference;
    HttpResponse<InputStream> r = push(ep, repository, auth -> request(ep.manifest(repository, reference), auth)
        .header("Content-Type", mediaType).PUT(HttpRequest.BodyPublishers.ofByteArray(bytes)).build(), what);
    if (r.statusCode() != 201) {
      throw failureQuietly(r, ep, "the upload of " + what);
    }
    close(r);
    Digest mine = Digest.of(bytes);
    String announced = r.headers().firstValue("Docker-Content-Digest").orElse(mine.toString());
    if (!announced.equals(mine.toString())) {
      throw new ImageException(ImageException.Kind.INVALID, "the registry stored " + what + " as " + announced + " but its digest is "
          + mine, null);
    }
    return mine;
  }

  private static java.io.InputStream counting(Path file, LongConsumer progress) {
    try {
      return new java.io.FilterInputStream(new java.io.BufferedInputStream(Files.newInputStream(file), 1 << 16)) {
        private long sent;
        private long reported;

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
          int n = super.read(b, off, len);
          if (n > 0) {
            sent += n;
            if (sent - reported >= (1 << 19)) {
              progress.accept(sent);
              reported = sent;
            }
          } else if (n < 0 && reported != sent) {
            progress.accept(sent);
            reported = sent;
          }
          return n;
        }
      };
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  private HttpRequest.Builder request(URI uri, String authorization) {
    HttpRequest.Builder b = HttpRequest.newBuilder(uri).timeout(HEADERS_TIMEOUT).header("User-Agent", "jcompose");
    if (authorization != null) {
      b.header("Authorization", authorization);
    }
    return b;
  }

  /** Sends a push-side request, answering one auth challenge (asking for pull and push); any status is returned. */
  private HttpResponse<InputStream> push(RegistryEndpoint ep, String repository,
      java.util.function.Function<String, HttpRequest> build, String what) {
    String key = ep.registry() + "/" + repository + "#push";
    try {
      HttpResponse<InputStream> r = http.send(build.apply(authorizations.get(key)), HttpResponse.BodyHandlers.ofInputStream());
      if (r.statusCode() == 401) {
        String challenge = r.headers().firstValue("WWW-Authenticate").orElse(null);
        close(r);
        authorizations.put(key, authorize(ep, repository, challenge, what, "pull,push"));
        r = http.send(build.apply(authorizations.get(key)), HttpResponse.BodyHandlers.ofInputStream());
      }
      if (r.statusCode() == 401 || r.statusCode() == 403) {
        throw failure(r, ep, what);
      }
      return r;
    } catch (IOException | java.io.UncheckedIOException e) {
      throw new ImageException(ImageException.Kind.IO, "cannot push " + what + " to " + ep.base() + ": "
          + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage())
          + " (is the registry running and reachable? loopback and insecure registries are spoken to over http, others over https)", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ImageException(ImageException.Kind.IO, "interrupted during the " + what, e);
    }
  }

  private static ImageException failureQuietly(HttpResponse<InputStream> r, RegistryEndpoint ep, String what) {
    try {
      return failure(r, ep, what);
    } catch (IOException e) {
      return new ImageException(ImageException.Kind.IO, what + " at " + ep.base() + " failed with HTTP " + r.statusCode(), e);
    }
  }

  private ImageException unauthorized(RegistryEndpoint ep, String what, String why) {
    boolean have = credentials.forRegistry(ep.registry()).isPresent();
    return new ImageException(ImageException.Kind.IO, "pulling " + what + " is not authorized: " + why + " ("
        + (have ? "check the credentials for " + ep.registry() + " in ~/.docker/config.json"
            : "no credentials for " + ep.registry() + " in ~/.docker/config.json; add them under \"auths\" (docker login writes them)")
        + ")", null);
  }

  private static ImageException failure(HttpResponse<InputStream> r, RegistryEndpoint ep, String what) throws IOException {
    String body;
    try (InputStream in = r.body()) {
      body = new String(in.readNBytes(4096), StandardCharsets.UTF_8).strip();
    }
    String registrySays = body;
    try {
      JsonNode errors = JsonMapper.builder().build().readTree(body).path("errors");
      if (errors.isArray() && errors.size() > 0) {
        registrySays = errors.get(0).path("code").asText() + ": " + errors.get(0).path("message").asText();
      }
    } catch (IOException notJson) {
      // keep the raw body
    }
    if (r.statusCode() == 404) {
      return new ImageException(ImageException.Kind.NOT_FOUND, what + " was not found at " + ep.base() + " (" + registrySays
          + "); check the name and tag", null);
    }
    if (r.statusCode() == 401 || r.statusCode() == 403) {
      return new ImageException(ImageException.Kind.IO, "pulling " + what + " is not authorized (" + r.statusCode() + " " + registrySays
          + "); check the credentials for " + ep.registry() + " in ~/.docker/config.json", null);
    }
    return new ImageException(ImageException.Kind.IO, "fetching " + what + " from " + ep.base() + " failed with HTTP " + r.statusCode()
        + ": " + registrySays, null);
  }

  private static void close(HttpResponse<InputStream> r) {
    try {
      r.body().close();
    } catch (IOException ignored) {
      // the connection is dropped instead of reused
    }
  }

  private static String enc(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }
}
