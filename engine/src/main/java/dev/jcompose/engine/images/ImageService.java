package dev.jcompose.engine.images;

import dev.jcompose.api.model.ContainerCreateRequest;
import dev.jcompose.api.model.ImageInspect;
import dev.jcompose.api.model.ImageSummary;
import dev.jcompose.engine.http.ApiException;
import dev.jcompose.image.Image;
import dev.jcompose.image.ImageConfig;
import dev.jcompose.image.ImageException;
import dev.jcompose.image.ImageReference;
import dev.jcompose.image.ImageStore;
import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.util.List;

/** The {@code /images} API over the local image store. */
public final class ImageService {
  private final ImageStore store;

  public ImageService(ImageStore store) {
    this.store = store;
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
