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

  static boolean isRoot() {
    return "root".equals(System.getProperty("user.name"));
  }
}
