package dev.jcompose.build;

import dev.jcompose.image.Digest;
import java.nio.file.Path;

/** Makes a directory (a RUN step's upper dir, a COPY's files) a layer of the store; the directory is consumed. */
public interface LayerCommitter {
  /** Returns the new layer's diff id. */
  Digest commit(Path dir);
}
