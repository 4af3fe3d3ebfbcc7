package dev.jcompose.image.layer;

/**
 * One member of a tar archive, after GNU long-name and PAX records were applied.
 *
 * @param name the member's path as written in the archive
 * @param type the ustar type flag ('0' file, '1' hard link, '2' symlink, '3'/'4' devices, '5' directory, '6' fifo)
 * @param linkName the target of a link, else empty
 */
public record TarHeader(String name, char type, String linkName, int mode, long uid, long gid, long size) {
  public static final char FILE = '0';
  public static final char HARD_LINK = '1';
  public static final char SYMLINK = '2';
  public static final char DIRECTORY = '5';

  public boolean isSymlink() {
    return type == SYMLINK;
  }

  public boolean isHardLink() {
    return type == HARD_LINK;
  }

  public boolean isDirectory() {
    return type == DIRECTORY;
  }
}
