package dev.jcompose.linux.tar;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.TreeMap;

/** Writes the few kinds of tar entries jcompose makes itself (ustar headers, with PAX records for long names and xattrs). */
final class TarHeaderWriter {
  static final char DIRECTORY = TarEntry.DIRECTORY;
  static final char CHAR_DEVICE = TarEntry.CHAR_DEVICE;
  private final ByteArrayOutputStream out = new ByteArrayOutputStream();

  /**
   * An entry without content: a directory or a device node. {@code paxRecords} may hold
   * {@code SCHILY.xattr.*} records; other records are not written.
   */
  void entry(String name, char type, int mode, long uid, long gid, int devMajor, int devMinor, Map<String, String> paxRecords) {
    TreeMap<String, byte[]> xattrs = new TreeMap<>();
    paxRecords.forEach((k, v) -> {
      if (!k.startsWith(TarEntryReader.XATTR)) {
        throw new IllegalArgumentException("unsupported PAX record " + k);
      }
      xattrs.put(TarEntry.raw(k.substring(TarEntryReader.XATTR.length())), v.getBytes(StandardCharsets.UTF_8));
    });
    TarEntry e = TarEntry.of(TarEntry.raw(name), type, mode, uid, gid, 0).withDevice(devMajor, devMinor).withXattrs(xattrs);
    try {
      TarEntryWriter.writeHeader(e, out);
    } catch (IOException ex) {
      throw new UncheckedIOException(ex);
    }
  }

  /** The archive with its two closing zero blocks. */
  byte[] finish() {
    try {
      TarEntryWriter.finish(out);
    } catch (IOException ex) {
      throw new UncheckedIOException(ex);
    }
    return out.toByteArray();
  }
}
