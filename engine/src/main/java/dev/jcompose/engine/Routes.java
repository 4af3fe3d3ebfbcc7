package dev.jcompose.engine;

import dev.jcompose.api.model.ContainerCreateRequest;
import dev.jcompose.api.model.ExecCreateRequest;
import dev.jcompose.api.model.ExecStartRequest;
import dev.jcompose.api.model.NetworkConnectRequest;
import dev.jcompose.api.model.NetworkCreateRequest;
import dev.jcompose.api.model.VersionResponse;
import dev.jcompose.api.model.VolumeCreateRequest;
import dev.jcompose.api.model.VolumeListResponse;
import dev.jcompose.engine.containers.ContainerLogs;
import dev.jcompose.engine.containers.ContainerService;
import dev.jcompose.engine.containers.ExecService;
import dev.jcompose.engine.http.ApiException;
import dev.jcompose.engine.http.ApiResponse;
import dev.jcompose.engine.http.Router;
import dev.jcompose.engine.images.ImageService;
import dev.jcompose.engine.networks.NetworkService;
import dev.jcompose.engine.volumes.VolumeService;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Map;

/** Binds the Docker Engine API paths to the engine's services. */
final class Routes {
  static final String API_VERSION = "1.41";

  private Routes() {}

  static Router build(ContainerService containers, ContainerLogs logs, NetworkService networks, VolumeService volumes, ImageService images,
      ExecService execs, dev.jcompose.engine.events.EventStream events, dev.jcompose.engine.build.BuildService builds,
      dev.jcompose.engine.containers.ContainerStats stats) {
    Router r = new Router();
    r.add("POST", "/containers/{id}/exec", q -> ApiResponse.created(execs.create(q.param("id"), q.json(ExecCreateRequest.class))));
    r.add("POST", "/exec/{id}/start", q -> execs.start(q.param("id"), q.body().size() == 0 ? null : q.json(ExecStartRequest.class)));
    r.add("GET", "/exec/{id}/json", q -> ApiResponse.ok(execs.inspect(q.param("id"))));
    r.add("GET", "/_ping", q -> new ApiResponse.Text(200, "text/plain", "OK"));
    r.add("HEAD", "/_ping", q -> new ApiResponse.Text(200, "text/plain", ""));
    r.add("GET", "/events", q -> events.stream(q.query("since"), q.query("until"), Filters.parse(q.query("filters"))));
    r.add("GET", "/version", q -> ApiResponse.ok(new VersionResponse(EngineMain.VERSION, API_VERSION, "1.24", "linux", "amd64",
        System.getProperty("os.version"))));

    r.add("POST", "/containers/create", q -> ApiResponse.created(containers.create(q.query("name"), q.json(ContainerCreateRequest.class))));
    r.add("GET", "/containers/json", q -> ApiResponse.ok(containers.list(q.flag("all"), Filters.parse(q.query("filters")))));
    r.add("GET", "/containers/{id}/json", q -> ApiResponse.ok(containers.inspect(q.param("id"))));
    r.add("GET", "/containers/{id}/stats", q -> stats.stats(q.param("id"), !"false".equals(q.query("stream")) && !"0".equals(q.query("stream"))));
    r.add("GET", "/containers/{id}/top", q -> ApiResponse.ok(containers.top(q.param("id"), q.query("ps_args"))));
    r.add("POST", "/containers/{id}/start", q -> {
      containers.start(q.param("id"));
      return ApiResponse.noContent();
    });
    r.add("POST", "/containers/{id}/stop", q -> {
      containers.stop(q.param("id"), intOrNull(q.query("t")));
      return ApiResponse.noContent();
    });
    r.add("POST", "/containers/{id}/kill", q -> {
      containers.kill(q.param("id"), q.query("signal"));
      return ApiResponse.noContent();
    });
    r.add("POST", "/containers/{id}/pause", q -> {
      containers.pause(q.param("id"));
      return ApiResponse.noContent();
    });
    r.add("POST", "/containers/{id}/unpause", q -> {
      containers.unpause(q.param("id"));
      return ApiResponse.noContent();
    });
    r.add("POST", "/containers/{id}/wait", q -> {
      // as dockerd: the status line goes out at once (clients wait for it before they start the
      // container, docker run does), the body once the condition is met
      java.util.function.IntSupplier waiter = containers.waiter(q.param("id"), q.query("condition"));
      return new ApiResponse.Streaming(200, "application/json",
          out -> out.write(dev.jcompose.api.model.Json.mapper().writeValueAsBytes(Map.of("StatusCode", waiter.getAsInt()))));
    });
    dev.jcompose.engine.containers.ContainerAttach attach = new dev.jcompose.engine.containers.ContainerAttach(containers);
    r.add("POST", "/containers/{id}/attach", q -> attach.attach(q.param("id"), q.flag("stream"), q.flag("logs"), q.flag("stdin"),
        q.flag("stdout"), q.flag("stderr")));
    r.add("DELETE", "/containers/{id}", q -> {
      containers.remove(q.param("id"), q.flag("force"), q.flag("v"));
      return ApiResponse.noContent();
    });
    r.add("HEAD", "/containers/{id}/archive", q -> containers.archive().stat(q.param("id"), q.query("path")));
    r.add("GET", "/containers/{id}/archive", q -> containers.archive().get(q.param("id"), q.query("path")));
    r.add("PUT", "/containers/{id}/archive", q -> {
      try (InputStream in = q.body().open()) {
        containers.archive().put(q.param("id"), q.query("path"), q.flag("noOverwriteDirNonDir"), q.flag("copyUIDGID"), in);
      } catch (IOException e) {
        throw new ApiException(500, "reading the uploaded archive failed: " + e.getMessage(), e);
      }
      return ApiResponse.ok(null);
    });
    r.add("GET", "/containers/{id}/logs", q -> logs.stream(containers.require(q.param("id")), q.flag("follow"), q.query("tail", "all"),
        q.flag("timestamps"), q.flag("stdout") || q.query("stdout") == null, q.flag("stderr") || q.query("stderr") == null));

    r.add("POST", "/networks/create", q -> ApiResponse.created(networks.create(q.json(NetworkCreateRequest.class))));
    r.add("GET", "/networks", q -> ApiResponse.ok(networks.list(Filters.parse(q.query("filters")))));
    r.add("GET", "/networks/{id}", q -> ApiResponse.ok(networks.inspect(q.param("id"))));
    r.add("DELETE", "/networks/{id}", q -> {
      networks.remove(q.param("id"));
      return ApiResponse.noContent();
    });
    r.add("POST", "/networks/{id}/connect", q -> {
      NetworkConnectRequest req = q.json(NetworkConnectRequest.class);
      throw ApiException.badRequest("connecting " + req.container() + " to network " + q.param("id")
          + " after it was created is not supported yet: give the network at create time (NetworkingConfig)");
    });

    r.add("POST", "/volumes/create", q -> ApiResponse.created(volumes.create(q.json(VolumeCreateRequest.class))));
    r.add("GET", "/volumes", q -> ApiResponse.ok(new VolumeListResponse(volumes.list(Filters.parse(q.query("filters"))), List.of())));
    r.add("POST", "/volumes/prune", q -> ApiResponse.ok(volumes.prune(Filters.parse(q.query("filters")))));
    r.add("GET", "/volumes/{name}", q -> ApiResponse.ok(volumes.inspect(q.param("name"))));
    r.add("DELETE", "/volumes/{name}", q -> {
      volumes.remove(q.param("name"), q.flag("force"));
      return ApiResponse.noContent();
    });

    r.add("POST", "/images/create", q -> {
      if (q.query("fromImage") != null && !q.query("fromImage").isEmpty()) {
        return images.pull(q.query("fromImage"), q.query("tag"), q.query("platform"));
      }
      if (!"-".equals(q.query("fromSrc"))) {
        throw ApiException.badRequest("POST /images/create needs fromImage=NAME (pull) or fromSrc=- (import a root filesystem tarball)");
      }
      try (InputStream in = q.body().open()) {
        return new ApiResponse.Text(200, "application/json", images.importTarball(in, q.query("repo"), q.query("tag"), q.query("message")));
      } catch (IOException e) {
        throw new ApiException(500, "reading the uploaded tarball failed: " + e.getMessage(), e);
      }
    });
    r.add("POST", "/build", builds::build);
    r.add("GET", "/images/json", q -> ApiResponse.ok(images.list()));
    r.add("GET", "/images/{name*}/json", q -> ApiResponse.ok(images.inspect(q.param("name"))));
    ImageService.ContainerImages containerImages = () -> containers.list(true, Filters.parse(null));
    r.add("GET", "/images/get", q -> images.save(q.query().getOrDefault("names", List.of())));
    r.add("POST", "/images/load", q -> {
      try (InputStream in = q.body().open()) {
        return new ApiResponse.Text(200, "application/json", images.load(in));
      } catch (IOException e) {
        throw new ApiException(500, "reading the uploaded archive failed: " + e.getMessage(), e);
      }
    });
    r.add("POST", "/images/prune", q -> ApiResponse.ok(images.prune(q.query("filters"), containerImages)));
    r.add("POST", "/images/{name*}/push", q -> images.push(q.param("name"), q.query("tag")));
    r.add("POST", "/images/{name*}/tag", q -> {
      images.tag(q.param("name"), q.query("repo"), q.query("tag"));
      return ApiResponse.created(null);
    });
    r.add("GET", "/images/{name*}/history", q -> ApiResponse.ok(images.history(q.param("name"))));
    r.add("DELETE", "/images/{name*}", q -> ApiResponse.ok(images.remove(q.param("name"), q.flag("force"), containerImages)));
    return r;
  }

  private static Integer intOrNull(String s) {
    if (s == null || s.isEmpty()) {
      return null;
    }
    try {
      return Integer.parseInt(s);
    } catch (NumberFormatException e) {
      throw ApiException.badRequest("t must be a number of seconds, got " + s);
    }
  }
}
