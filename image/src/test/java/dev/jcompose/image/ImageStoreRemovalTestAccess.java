package dev.jcompose.image;

import java.nio.file.Path;

/** Lets tests of other packages make small imported images. */
public final class ImageStoreRemovalTestAccess {
  private ImageStoreRemovalTestAccess() {}

  public static Image importImage(ImageStore store, Path tmp, String name, String content) throws Exception {
    return ImageStoreRemovalTest.importImage(store, tmp, name, content);
  }
}
