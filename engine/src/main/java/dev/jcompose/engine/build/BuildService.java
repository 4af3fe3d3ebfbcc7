package dev.jcompose.engine.build;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.jcompose.build.BaseImages;
import dev.jcompose.build.BuildCache;
import dev.jcompose.build.BuildException;
import dev.jcompose.build.BuildProgress;
import dev.jcompose.build.BuildRequest;
import dev.jcompose.build.BuildResult;
import dev.jcompose.build.Builder;
import dev.jcompose.build.RuntimeStepRunner;
import dev.jcompose.build.StoreLayerCommitter;
import dev.jcompose.build.dockerfile.DockerfileException;
import dev.jcompose.engine.http.ApiException;
import dev.jcompose.engine.http.ApiRequest;
import dev.jcompose.engine.http.ApiResponse;
import dev.jcompose.engine.images.ImageService;
import dev.jcompose.engine.networks.NetworkService;
import dev.jcompose.image.ImageException;
import dev.jcompose.linux.FileTrees;
import dev.jcompose.linux.HostCommandException;
import dev.jcompose.linux.Tar;
import dev.jcompose.runtime.ContainerRuntime;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * {@code POST /build}: Docker's classic build API. The body is the context as a tar (plain or
 * gzip); the answer streams {@code {"stream":"Step 1/4 : FROM …\n"}} lines, then
 * {@code {"aux":{"ID":"sha256:…"}}}, or an {@code {"error":…,"errorDetail":{"message":…}}} line.
 */
public final class BuildService {
  private static final Logger LOG = Logger.getLogger(BuildService.class.getName());
  private static final ObjectMapper JSON = JsonMapper.builder().build();
  private final ImageService images;
  private final Builder builder;
  private final Path contexts;

  public BuildService(Path root, ImageService images, ContainerRuntime runtime, NetworkService networks) {
    this.images = images;
    Path work = root.resolve("images/build-work");
    this.contexts = work.resolve("contexts");
    BaseImages base = (name, pull, progress) -> {
      try {
        return images.findOrPull(name, pull, line -> progress.info(line));
      } catch (ImageException e) {
        throw new BuildException("the base image " + name + " is not here and could not be pulled: " + e.getMessage()
            + " (pull or import it first: `jcompose image pull " + name + "`)", e);
      }
    };
    this.builder = new Builder(images.store(), new BuildCache(root.resolve("images/build-cache"), images.store()), base,
        new RuntimeStepRunner(runtime, new BuildNetwork(networks)), new StoreLayerCommitter(images.store()), work);
  }

  public ApiResponse build(ApiRequest q) {
    Path context = unpackContext(q);
    BuildRequest request;
    try {
      request = request(q, context);
    } catch (RuntimeException e) {
      deleteQuietly(context);
      throw e;
    }
    return new ApiResponse.Streaming(200, "application/json", out -> {
      try {
        BuildResult r = builder.build(request, progress(out));
        writeLine(out, Map.of("aux", Map.of("ID", r.imageId())));
      } catch (BuildException | DockerfileException e) {
        writeLine(out, Map.of("error", e.getMessage(), "errorDetail", Map.of("message", e.getMessage())));
      } catch (RuntimeException e) {
        LOG.log(Level.WARNING, "build failed", e);
        String message = "the build failed: " + e;
        writeLine(out, Map.of("error", message, "errorDetail", Map.of("message", message)));
      } finally {
        deleteQuietly(context);
        deleteQuietly(context.resolveSibling(context.getFileName() + ".Dockerfile"));
      }
    });
  }

  private static BuildRequest request(ApiRequest q, Path context) {
    List<String> tags = q.query().getOrDefault("t", List.of());
    List<String> extraHosts = new ArrayList<>();
    for (String v : q.query().getOrDefault("extrahosts", List.of())) {
      for (String h : v.split(",")) {
        if (!h.isBlank()) {
          extraHosts.add(h.strip());
        }
      }
    }
    long shm = 0;
    if (q.query("shmsize") != null && !q.query("shmsize").isEmpty()) {
      try {
        shm = Long.parseLong(q.query("shmsize"));
      } catch (NumberFormatException e) {
        throw ApiException.badRequest("shmsize must be a number of bytes, got " + q.query("shmsize"));
      }
    }
    String network = q.query("networkmode");
    String dockerfile = q.query("dockerfile");
    if (dockerfile != null && Path.of(dockerfile).isAbsolute()) {
      throw ApiException.badRequest("dockerfile must be a path inside the build context, got " + dockerfile);
    }
    if (dockerfile != null && dockerfile.matches("\\.dockerfile\\.[0-9a-f]{12,64}")) {
      // the client's copy of a Dockerfile from outside the context (or inline): kept out of the context, as dockerd does
      dockerfile = moveOutOfContext(context, dockerfile);
    }
    return new BuildRequest(context, dockerfile, jsonMap(q, "buildargs"), q.query("target"), tags, jsonMap(q, "labels"),
        q.flag("nocache"), q.flag("pull"), network, extraHosts, shm);
  }

  private static String moveOutOfContext(Path context, String name) {
    Path inside = context.resolve(name);
    Path outside = context.resolveSibling(context.getFileName() + ".Dockerfile").resolve(name);
    try {
      if (Files.isRegularFile(inside)) {
        Files.createDirectories(outside.getParent());
        Files.move(inside, outside, StandardCopyOption.REPLACE_EXISTING);
        return outside.toString();
      }
      return name;
    } catch (IOException e) {
      throw new ApiException(500, "could not set the Dockerfile " + name + " aside: " + e.getMessage(), e);
    }
  }

  private static Map<String, String> jsonMap(ApiRequest q, String name) {
    String v = q.query(name);
    if (v == null || v.isEmpty()) {
      return Map.of();
    }
    try {
      return new LinkedHashMap<>(JSON.readValue(v, new TypeReference<LinkedHashMap<String, String>>() {}));
    } catch (IOException e) {
      throw ApiException.badRequest(name + " must be a JSON object of strings, got " + v);
    }
  }

  private Path unpackContext(ApiRequest q) {
    try {
      Files.createDirectories(contexts);
      Path dir = Files.createTempDirectory(contexts, "context-");
      Path tar = Files.createTempFile(contexts, "context-", ".tar");
      try {
        try (InputStream in = q.body().open()) {
          Files.copy(in, tar, StandardCopyOption.REPLACE_EXISTING);
        }
        if (Files.size(tar) > 0) {
          Tar.extract(tar, dir);
        }
        return dir;
      } catch (HostCommandException e) {
        deleteQuietly(dir);
        throw ApiException.badRequest("the build context is not a readable tar archive: " + e.getMessage());
      } finally {
        Files.deleteIfExists(tar);
      }
    } catch (IOException e) {
      throw new ApiException(500, "could not unpack the build context: " + e.getMessage(), e);
    }
  }

  private static BuildProgress progress(OutputStream out) {
    return new BuildProgress() {
      @Override
      public void step(String text) {
        writeLine(out, Map.of("stream", text + "\n"));
      }

      @Override
      public void info(String text) {
        writeLine(out, Map.of("stream", text + "\n"));
      }

      @Override
      public void output(String text) {
        writeLine(out, Map.of("stream", text));
      }
    };
  }

  private static void writeLine(OutputStream out, Map<String, Object> line) {
    dev.jcompose.engine.http.JsonLines.write(out, line, "the build");
  }


  private static void deleteQuietly(Path dir) {
    try {
      FileTrees.deleteTree(dir);
    } catch (IOException e) {
      LOG.log(Level.WARNING, "could not remove the build context " + dir, e);
    }
  }
}
