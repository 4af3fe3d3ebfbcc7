package dev.jcompose.image;

import dev.jcompose.image.layer.LayerCompression;

/**
 * A stored blob that holds a layer: its digest (the name it has in registries), how it is
 * compressed and its size. One layer (diff id) may have several: the gzip one pulled from a
 * registry, the uncompressed tar a build committed, the gzip one made for a push.
 */
public record LayerBlob(Digest digest, LayerCompression compression, long size) {}
