package dev.jcompose.build;

import dev.jcompose.image.Digest;
import dev.jcompose.image.ImageException;
import dev.jcompose.image.ImageStore;
import java.nio.file.Path;

/** Commits layers into an {@link ImageStore} ({@link ImageStore#commitLayer}). */
public final class StoreLayerCommitter implements LayerCommitter {
  private final ImageStore store;

  public StoreLayerCommitter(ImageStore store) {
    this.store = store;
  }

  @Override
  public Digest commit(Path dir) {
    try {
      return store.commitLayer(dir);
    } catch (ImageException e) {
      throw new BuildException(e.getMessage(), e);
    }
  }
}
