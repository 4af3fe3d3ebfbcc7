package dev.jcompose.build;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.List;

/**
 * The layer a RUN container gets on top of its image, as dockerd's "-init" layer: the mount
 * points the runtime needs ({@code /proc}, {@code /sys}, {@code /dev}, {@code /etc/hosts},
 * {@code /etc/hostname}, {@code /etc/resolv.conf}) exist there, so creating them never shows up
 * in the step's upper directory and so never in the image. Directories the image has keep its
 * mode and owner.
 */
final class InitLayer {
  private static final List<String> DIRS = List.of("proc", "sys", "dev", "etc");
  private static final List<String> FILES = List.of("etc/hosts", "etc/hostname", "etc/resolv.conf");

  private InitLayer() {}

  static Path create(Path dir, LayerLookup image) {
    try {
      Files.createDirectories(dir);
      for (String d : DIRS) {
        Path p = Files.createDirectories(dir.resolve(d));
        LayerLookup.Entry e = image.find("/" + d).filter(LayerLookup.Entry::directory).orElse(new LayerLookup.Entry(true, 0755, 0, 0));
        Files.setAttribute(p, "unix:mode", e.mode());
        Files.setAttribute(p, "unix:uid", e.uid(), LinkOption.NOFOLLOW_LINKS);
        Files.setAttribute(p, "unix:gid", e.gid(), LinkOption.NOFOLLOW_LINKS);
      }
      for (String f : FILES) {
        if (image.find("/" + f).isEmpty()) {
          Files.createFile(dir.resolve(f));
        }
      }
      return dir;
    } catch (IOException e) {
      throw new BuildException("could not prepare the init layer in " + dir + ": " + e.getMessage(), e);
    }
  }
}
