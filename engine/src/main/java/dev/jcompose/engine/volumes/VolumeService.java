package dev.jcompose.engine.volumes;

import dev.jcompose.api.model.Volume;
import dev.jcompose.api.model.VolumeCreateRequest;
import dev.jcompose.engine.Filters;
import dev.jcompose.engine.http.ApiException;
import dev.jcompose.volume.VolumeException;
import dev.jcompose.volume.VolumeInfo;
import dev.jcompose.volume.VolumeStore;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;

/** The {@code /volumes} API over the local volume store. */
public final class VolumeService {
  private final VolumeStore store;
  private final Function<String, Set<String>> usersOfVolume;

  /** {@code usersOfVolume} names the containers that mount a volume, to refuse removing it under them. */
  public VolumeService(VolumeStore store, Function<String, Set<String>> usersOfVolume) {
    this.store = store;
    this.usersOfVolume = usersOfVolume;
  }

  private volatile java.util.function.Consumer<dev.jcompose.engine.events.EngineEvent> events = e -> { };

  public void setEvents(java.util.function.Consumer<dev.jcompose.engine.events.EngineEvent> events) {
    this.events = events;
  }

  private void event(String name, String action, Map<String, String> labels) {
    Map<String, String> attrs = new java.util.TreeMap<>(labels);
    attrs.put("driver", "local");
    events.accept(dev.jcompose.engine.events.EngineEvent.of("volume", action, name, attrs));
  }

  public VolumeStore store() {
    return store;
  }

  public Volume create(VolumeCreateRequest req) {
    String name = req.name() == null || req.name().isEmpty() ? UUID.randomUUID().toString().replace("-", "") + UUID.randomUUID().toString().replace("-", "") : req.name();
    try {
      boolean existed = store.find(name).isPresent();
      Volume v = toApi(store.create(name, req.driver(), req.driverOpts() == null ? Map.of() : req.driverOpts(),
          req.labels() == null ? Map.of() : req.labels()));
      if (!existed) {
        event(name, "create", v.labels());
      }
      return v;
    } catch (VolumeException e) {
      throw map(e);
    }
  }

  public List<Volume> list(Filters filters) {
    return store.list().stream()
        .filter(v -> filters.matchesLabels(v.labels()))
        .filter(v -> filters.matchesAny("name", n -> v.name().contains(n)))
        .map(VolumeService::toApi).toList();
  }

  public Volume inspect(String name) {
    try {
      return toApi(store.get(name));
    } catch (VolumeException e) {
      throw map(e);
    }
  }

  public void remove(String name, boolean force) {
    try {
      store.get(name);
      Set<String> users = usersOfVolume.apply(name);
      if (!users.isEmpty()) {
        throw ApiException.conflict("remove " + name + ": volume is in use - " + users);
      }
      Map<String, String> labels = store.get(name).labels();
      store.remove(name);
      event(name, "destroy", labels);
    } catch (VolumeException e) {
      if (force && e.kind() == VolumeException.Kind.NOT_FOUND) {
        return;
      }
      throw map(e);
    }
  }

  /**
   * {@code POST /volumes/prune}: removes the volumes no container uses (those matching the label
   * filters, if any), as the API v1.41 does; returns Docker's {@code VolumesDeleted} list.
   */
  public Map<String, Object> prune(Filters filters) {
    List<String> deleted = new java.util.ArrayList<>();
    long reclaimed = 0;
    for (VolumeInfo v : store.list()) {
      if (filters.matchesLabels(v.labels()) && usersOfVolume.apply(v.name()).isEmpty()) {
        reclaimed += sizeOf(v.mountpoint());
        store.remove(v.name());
        deleted.add(v.name());
        event(v.name(), "destroy", v.labels());
      }
    }
    return Map.of("VolumesDeleted", deleted, "SpaceReclaimed", reclaimed);
  }

  private static long sizeOf(java.nio.file.Path dir) {
    try (java.util.stream.Stream<java.nio.file.Path> s = java.nio.file.Files.walk(dir)) {
      return s.filter(java.nio.file.Files::isRegularFile).mapToLong(p -> p.toFile().length()).sum();
    } catch (java.io.IOException | java.io.UncheckedIOException e) {
      return 0;
    }
  }

  static Volume toApi(VolumeInfo v) {
    return new Volume(v.name(), v.driver(), v.mountpoint().toString(), v.createdAt().toString(), v.labels(), "local", v.options().asMap());
  }

  /** The API error for a volume error: 400, 404, 409 or 500 by its kind. */
  public static ApiException map(VolumeException e) {
    return switch (e.kind()) {
      case INVALID -> ApiException.badRequest(e.getMessage());
      case NOT_FOUND -> ApiException.notFound(e.getMessage());
      case CONFLICT -> ApiException.conflict(e.getMessage());
      case IO -> new ApiException(500, e.getMessage(), e);
    };
  }
}
