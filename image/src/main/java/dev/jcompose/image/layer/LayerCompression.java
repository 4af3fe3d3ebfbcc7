package dev.jcompose.image.layer;

import com.github.luben.zstd.ZstdInputStream;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.zip.GZIPInputStream;

/** How a layer blob is compressed, told from its first bytes (as Docker and GNU tar do), not from a media type. */
public enum LayerCompression {
  NONE, GZIP, ZSTD;

  private static final byte[] GZIP_MAGIC = {(byte) 0x1f, (byte) 0x8b};
  private static final byte[] ZSTD_MAGIC = {(byte) 0x28, (byte) 0xb5, (byte) 0x2f, (byte) 0xfd};

  public static LayerCompression detect(byte[] head) {
    if (startsWith(head, GZIP_MAGIC)) {
      return GZIP;
    }
    if (startsWith(head, ZSTD_MAGIC)) {
      return ZSTD;
    }
    return NONE;
  }

  /** Wraps {@code blob} so that reading it gives the uncompressed tar stream. */
  public static InputStream decompressing(InputStream blob) throws IOException {
    BufferedInputStream in = new BufferedInputStream(blob, 1 << 16);
    in.mark(4);
    byte[] head = in.readNBytes(4);
    in.reset();
    return switch (detect(head)) {
      case GZIP -> new GZIPInputStream(in, 1 << 16);
      case ZSTD -> new ZstdInputStream(in);
      case NONE -> in;
    };
  }

  private static boolean startsWith(byte[] b, byte[] magic) {
    if (b.length < magic.length) {
      return false;
    }
    for (int i = 0; i < magic.length; i++) {
      if (b[i] != magic[i]) {
        return false;
      }
    }
    return true;
  }
}
