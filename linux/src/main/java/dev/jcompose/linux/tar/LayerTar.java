package dev.jcompose.linux.tar;

import dev.jcompose.linux.HostCommandException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * Extracts an image layer with GNU tar, from an uncompressed tar stream that Java feeds it
 * (Java decompresses gzip and zstd). The OCI whiteout entries ({@code .wh.*}) are left out:
 * {@link OverlayWhiteouts} turns them into overlayfs whiteouts afterwards. The caller checks
 * the layer for hostile entries first.
 */
public final class LayerTar {
  private static final int BLOCK = 512;

  private LayerTar() {}

  /**
   * Extracts {@code uncompressedTar} into the existing, empty directory {@code into}. The stream
   * is followed by zero blocks, so that an archive whose writer left out the end-of-archive
   * blocks (umoci 0.4 does) still ends cleanly.
   */
  public static void extract(InputStream uncompressedTar, Path into) {
    List<String> argv = new ArrayList<>(List.of("tar", "-x", "-f", "-", "-C", into.toString(),
        "--numeric-owner", "--delay-directory-restore", "--exclude=.wh.*"));
    if (isRoot()) {
      argv.addAll(List.of("--same-owner", "--same-permissions", "--xattrs", "--xattrs-include=*"));
    } else {
      argv.add("--no-same-permissions");
    }
    Process p;
    try {
      p = new ProcessBuilder(argv).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
    } catch (IOException e) {
      throw new HostCommandException("could not start `" + String.join(" ", argv) + "`: " + e.getMessage()
          + " (is GNU tar installed?)", argv, -1, "", e);
    }
    CompletableFuture<String> stderr = CompletableFuture.supplyAsync(() -> {
      try (InputStream err = p.getErrorStream()) {
        return new String(err.readAllBytes(), StandardCharsets.UTF_8);
      } catch (IOException e) {
        return "";
      }
    });
    IOException feedFailure = null;
    try (OutputStream stdin = p.getOutputStream()) {
      long written = uncompressedTar.transferTo(stdin);
      stdin.write(new byte[(int) ((BLOCK - written % BLOCK) % BLOCK) + 2 * BLOCK]);
    } catch (IOException e) {
      feedFailure = e; // tar stopped reading; its exit code and stderr say why, unless the input failed
    }
    try {
      int exit = p.waitFor();
      if (exit != 0 || feedFailure != null && !isBrokenPipe(feedFailure)) {
        String why = exit != 0 ? stderr.join().strip() : "reading the layer failed: " + feedFailure.getMessage();
        throw new HostCommandException("`" + String.join(" ", argv) + "` failed with exit code " + exit + ": " + why,
            argv, exit, why, feedFailure);
      }
    } catch (InterruptedException e) {
      p.destroyForcibly();
      Thread.currentThread().interrupt();
      throw new HostCommandException("interrupted while unpacking a layer into " + into, argv, -1, "", e);
    }
  }

  private static boolean isBrokenPipe(IOException e) {
    return e.getMessage() != null && (e.getMessage().contains("Broken pipe") || e.getMessage().contains("Stream closed"));
  }

  static boolean isRoot() {
    return "root".equals(System.getProperty("user.name"));
  }
}
