package dev.jcompose.build;

import dev.jcompose.image.Image;

/** Finds the image a FROM names: in the store, or pulled (always when {@code pull}). */
public interface BaseImages {
  /**
   * @throws BuildException when it is neither in the store nor pullable, saying which and why
   */
  Image resolve(String reference, boolean pull, BuildProgress progress);
}
