package dev.jcompose.cli.compose;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.jcompose.api.client.EngineApiException;
import dev.jcompose.api.client.EngineClient;
import dev.jcompose.cli.UserFacingException;
import dev.jcompose.cli.build.BuildContextArchive;
import dev.jcompose.compose.model.BuildConfig;
import dev.jcompose.compose.model.ServiceConfig;
import java.io.PrintStream;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Builds the images of services with {@code build:} through the engine's {@code POST /build},
 * as {@code docker compose build} does: the context (with .dockerignore) is streamed as a tar,
 * the image gets the service's {@code image:} name (else {@code project-service}) and
 * {@code build.tags}; the build's output is printed as it comes.
 */
public final class ImageBuilder {
  private static final ObjectMapper JSON = JsonMapper.builder().build();

  /** {@code --no-cache}, {@code --pull}, {@code --build-arg}s (over the file's args), {@code -q}. */
  public record Options(boolean noCache, boolean pull, Map<String, String> buildArgs, boolean quiet) {
    public static final Options DEFAULT = new Options(false, false, Map.of(), false);
  }

  private final EngineClient engine;
  private final PrintStream out;

  public ImageBuilder(EngineClient engine, PrintStream out) {
    this.engine = engine;
    this.out = out;
  }

  /** Builds each of {@code services} that has a build section, in order; returns the image ids by service. */
  public Map<String, String> build(String projectName, List<ServiceConfig> services, Options options) {
    Map<String, String> ids = new LinkedHashMap<>();
    for (ServiceConfig s : services) {
      if (s.build() != null) {
        ids.put(s.name(), build(projectName, s, options));
      }
    }
    return ids;
  }

  /** Builds the services whose image is not in the engine's store yet (what {@code up} does without {@code --build}). */
  public void buildMissing(String projectName, List<ServiceConfig> services) {
    List<ServiceConfig> missing = new ArrayList<>();
    for (ServiceConfig s : services) {
      if (s.build() != null && (s.image() == null || ImagePuller.local(engine, s.image()).isEmpty())) {
        missing.add(s);
      }
    }
    build(projectName, missing, Options.DEFAULT);
  }

  String build(String projectName, ServiceConfig s, Options options) {
    BuildConfig b = s.build();
    String image = s.image() != null ? s.image() : imageName(projectName, s.name());
    if (b.context() != null && (b.context().contains("://") || b.context().startsWith("git@"))) {
      throw new UserFacingException("service \"" + s.name() + "\": build.context " + b.context()
          + " is a remote context; jcompose builds local directories only (clone it and point context at the folder)");
    }
    Path context = Path.of(b.context() == null ? "." : b.context());
    if (!Files.isDirectory(context)) {
      throw new UserFacingException("service \"" + s.name() + "\": build.context " + context + " is not a directory");
    }
    Object inline = b.other().get("dockerfile_inline");
    BuildContextArchive archive = inline != null
        ? BuildContextArchive.prepare(context, inline.toString().getBytes(StandardCharsets.UTF_8))
        : BuildContextArchive.prepare(context, b.dockerfile() == null ? "Dockerfile" : b.dockerfile());
    List<String> params = new ArrayList<>();
    params.add("t=" + enc(image));
    for (String tag : strings(b.other().get("tags"))) {
      params.add("t=" + enc(tag));
    }
    params.add("dockerfile=" + enc(archive.dockerfileName()));
    Map<String, String> args = new TreeMap<>();
    b.args().forEach((k, v) -> {
      String value = v != null ? v : System.getenv(k);
      if (value != null) {
        args.put(k, value);
      }
    });
    args.putAll(options.buildArgs());
    if (!args.isEmpty()) {
      params.add("buildargs=" + enc(json(args)));
    }
    if (b.target() != null) {
      params.add("target=" + enc(b.target()));
    }
    Map<String, String> labels = labels(b.other().get("labels"));
    if (!labels.isEmpty()) {
      params.add("labels=" + enc(json(labels)));
    }
    if (b.other().get("network") != null) {
      params.add("networkmode=" + enc(b.other().get("network").toString()));
    }
    List<String> hosts = extraHosts(b.other().get("extra_hosts"));
    if (!hosts.isEmpty()) {
      params.add("extrahosts=" + enc(String.join(",", hosts)));
    }
    if (options.noCache() || Boolean.TRUE.equals(b.other().get("no_cache"))) {
      params.add("nocache=1");
    }
    if (options.pull() || Boolean.TRUE.equals(b.other().get("pull"))) {
      params.add("pull=1");
    }
    if (!options.quiet()) {
      out.println("Building " + s.name());
    }
    try {
      String id = engine.build(String.join("&", params), archive::writeTo, text -> {
        if (!options.quiet()) {
          out.print(text);
          out.flush();
        }
      });
      if (!options.quiet()) {
        out.println("Service " + s.name() + " built: " + image + " (" + id.substring(7, 19) + ")");
      }
      return id;
    } catch (EngineApiException e) {
      throw new UserFacingException("service \"" + s.name() + "\" failed to build: " + e.getMessage());
    }
  }

  /** Docker Compose v2's name for the image of a service without {@code image:}. */
  public static String imageName(String projectName, String service) {
    return projectName + "-" + service;
  }

  private static String enc(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }

  private static String json(Object o) {
    try {
      return JSON.writeValueAsString(o);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  private static List<String> strings(Object o) {
    List<String> out = new ArrayList<>();
    if (o instanceof List<?> l) {
      l.forEach(v -> out.add(String.valueOf(v)));
    } else if (o != null) {
      out.add(o.toString());
    }
    return out;
  }

  private static Map<String, String> labels(Object o) {
    Map<String, String> out = new TreeMap<>();
    if (o instanceof Map<?, ?> m) {
      m.forEach((k, v) -> out.put(String.valueOf(k), v == null ? "" : String.valueOf(v)));
    } else if (o instanceof List<?> l) {
      for (Object e : l) {
        String kv = String.valueOf(e);
        int eq = kv.indexOf('=');
        out.put(eq < 0 ? kv : kv.substring(0, eq), eq < 0 ? "" : kv.substring(eq + 1));
      }
    }
    return out;
  }

  private static List<String> extraHosts(Object o) {
    List<String> out = new ArrayList<>();
    if (o instanceof Map<?, ?> m) {
      m.forEach((k, v) -> out.add(k + ":" + v));
    } else {
      out.addAll(strings(o));
    }
    return out;
  }
}
