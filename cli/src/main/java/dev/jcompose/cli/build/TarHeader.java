package dev.jcompose.cli.build;

import java.util.Objects;

/**
 * One tar entry's header. {@code mode} holds permission bits plus setuid/setgid/sticky
 * ({@code 07777}); the file type is {@code type}. {@code mtime} is in whole seconds.
 */
record TarHeader(
    String name, byte type, long mode, long uid, long gid, long size, long mtime,
    String linkName, long devMajor, long devMinor) {

  static final byte REGULAR = '0';
  static final byte HARDLINK = '1';
  static final byte SYMLINK = '2';
  static final byte CHAR_DEVICE = '3';
  static final byte BLOCK_DEVICE = '4';
  static final byte DIRECTORY = '5';
  static final byte FIFO = '6';

  TarHeader {
    Objects.requireNonNull(name, "name");
    linkName = linkName == null ? "" : linkName;
  }

  static TarHeader file(String name, long mode, long size, long mtime) {
    return new TarHeader(name, REGULAR, mode, 0, 0, size, mtime, "", 0, 0);
  }
}
