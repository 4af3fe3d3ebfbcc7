package dev.jcompose.linux.tar;

import java.util.Collections;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * One member of a tar stream as jcompose reads and writes it, after PAX records were applied.
 *
 * <p>{@code name}, {@code linkName} and the xattr names hold raw bytes, one char per byte
 * (ISO-8859-1), so that a file name that is not UTF-8 passes through unchanged; see
 * {@link #text(String)}. Directory names end in "/".
 *
 * @param mode the permission bits (07777)
 * @param mtime seconds since the epoch
 * @param size the content length; only {@link #FILE} members have content
 * @param xattrs extended attributes by name ({@code user.foo}), values as raw bytes
 */
record TarEntry(String name, char type, int mode, long uid, long gid, long mtime, long size, String linkName,
    int devMajor, int devMinor, SortedMap<String, byte[]> xattrs) {
  static final char FILE = '0';
  static final char HARD_LINK = '1';
  static final char SYMLINK = '2';
  static final char CHAR_DEVICE = '3';
  static final char BLOCK_DEVICE = '4';
  static final char DIRECTORY = '5';
  static final char FIFO = '6';

  TarEntry {
    xattrs = Collections.unmodifiableSortedMap(new TreeMap<>(xattrs));
  }

  /** A member without content or link: a directory, device or fifo. */
  static TarEntry of(String name, char type, int mode, long uid, long gid, long mtime) {
    return new TarEntry(name, type, mode, uid, gid, mtime, 0, "", 0, 0, new TreeMap<>());
  }

  boolean hasContent() {
    return type == FILE;
  }

  TarEntry withName(String newName) {
    return new TarEntry(newName, type, mode, uid, gid, mtime, size, linkName, devMajor, devMinor, xattrs);
  }

  TarEntry withLinkName(String newLinkName) {
    return new TarEntry(name, type, mode, uid, gid, mtime, size, newLinkName, devMajor, devMinor, xattrs);
  }

  TarEntry withXattrs(SortedMap<String, byte[]> newXattrs) {
    return new TarEntry(name, type, mode, uid, gid, mtime, size, linkName, devMajor, devMinor, newXattrs);
  }

  TarEntry withDevice(int major, int minor) {
    return new TarEntry(name, type, mode, uid, gid, mtime, size, linkName, major, minor, xattrs);
  }

  /** The UTF-8 reading of a name held as raw bytes, for messages and tests. */
  static String text(String rawBytes) {
    return new String(rawBytes.getBytes(java.nio.charset.StandardCharsets.ISO_8859_1), java.nio.charset.StandardCharsets.UTF_8);
  }

  /** A name given as text, held as its UTF-8 bytes. */
  static String raw(String text) {
    return new String(text.getBytes(java.nio.charset.StandardCharsets.UTF_8), java.nio.charset.StandardCharsets.ISO_8859_1);
  }
}
