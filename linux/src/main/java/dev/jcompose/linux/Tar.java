package dev.jcompose.linux;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Unpacks layer tarballs with GNU tar, keeping owners, modes, devices, links and xattrs as the image has them. */
public final class Tar {
  private Tar() {}

  /** Extracts {@code tarball} (plain or gzip, detected by tar) into the existing directory {@code into}. */
  public static void extract(Path tarball, Path into) {
    List<String> argv = new ArrayList<>(List.of("tar", "-x", "-f", tarball.toString(), "-C", into.toString(),
        "--numeric-owner", "--no-same-permissions", "--delay-directory-restore"));
    if (isRoot()) {
      argv.addAll(List.of("--same-owner", "-p", "--xattrs", "--xattrs-include=*"));
    }
    HostCommand.run(argv);
  }

  /**
   * True when {@code file} is a tar archive, plain or compressed with gzip, bzip2, xz or zstd
   * (what Dockerfile ADD unpacks): a plain tar is recognised by its header, a compressed file by
   * GNU tar listing it.
   */
  public static boolean isArchive(Path file) {
    byte[] head = new byte[512];
    int n;
    try (java.io.InputStream in = java.nio.file.Files.newInputStream(file)) {
      n = in.readNBytes(head, 0, head.length);
    } catch (java.io.IOException e) {
      return false;
    }
    if (n == 512 && new String(head, 257, 5, java.nio.charset.StandardCharsets.US_ASCII).equals("ustar")) {
      return true;
    }
    boolean compressed = n >= 6 && ((head[0] & 0xff) == 0x1f && (head[1] & 0xff) == 0x8b
        || head[0] == 'B' && head[1] == 'Z' && head[2] == 'h'
        || (head[0] & 0xff) == 0xfd && head[1] == '7' && head[2] == 'z' && head[3] == 'X' && head[4] == 'Z' && head[5] == 0
        || (head[0] & 0xff) == 0x28 && (head[1] & 0xff) == 0xb5 && (head[2] & 0xff) == 0x2f && (head[3] & 0xff) == 0xfd);
    return compressed && HostCommand.runAllowingFailure(List.of("tar", "-t", "-f", file.toString()), new byte[0]).ok();
  }

  static boolean isRoot() {
    return "root".equals(System.getProperty("user.name"));
  }
}
