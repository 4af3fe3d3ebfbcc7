package dev.jcompose.runtime;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/** Resolves Docker's {@code User} ("", "1000", "1000:1000", "www-data", "www-data:www-data") against the image's /etc/passwd and /etc/group. */
public record UserSpec(int uid, int gid) {

  /** {@code layersTopFirst}: the image's layer directories, the first holding the newest files. */
  public static UserSpec resolve(String user, List<Path> layersTopFirst) {
    if (user == null || user.isEmpty()) {
      return new UserSpec(0, 0);
    }
    String[] parts = user.split(":", 2);
    int uid;
    Integer gid = null;
    if (parts[0].matches("[0-9]+")) {
      uid = Integer.parseInt(parts[0]);
      Optional<String[]> entry = lookup(layersTopFirst, "etc/passwd", 2, parts[0]);
      if (entry.isPresent()) {
        gid = Integer.parseInt(entry.get()[3]);
      }
    } else {
      String[] entry = lookup(layersTopFirst, "etc/passwd", 0, parts[0]).orElseThrow(() -> new IllegalArgumentException(
          "unable to find user " + parts[0] + ": no matching entries in the image's /etc/passwd"));
      uid = Integer.parseInt(entry[2]);
      gid = Integer.parseInt(entry[3]);
    }
    if (parts.length == 2) {
      if (parts[1].matches("[0-9]+")) {
        gid = Integer.parseInt(parts[1]);
      } else {
        String[] g = lookup(layersTopFirst, "etc/group", 0, parts[1]).orElseThrow(() -> new IllegalArgumentException(
            "unable to find group " + parts[1] + ": no matching entries in the image's /etc/group"));
        gid = Integer.parseInt(g[2]);
      }
    }
    return new UserSpec(uid, gid == null ? 0 : gid); // a uid not in /etc/passwd keeps group 0, as Docker
  }

  private static Optional<String[]> lookup(List<Path> layers, String file, int field, String value) {
    for (Path layer : layers) {
      Path f = layer.resolve(file);
      if (Files.isRegularFile(f)) {
        try {
          for (String line : Files.readAllLines(f)) {
            String[] cols = line.split(":", -1);
            if (cols.length > Math.max(field, 3) && cols[field].equals(value)) {
              return Optional.of(cols);
            }
          }
        } catch (IOException e) {
          throw new IllegalArgumentException("cannot read the image's /" + file + ": " + e.getMessage(), e);
        }
        return Optional.empty(); // the topmost copy of the file wins
      }
    }
    return Optional.empty();
  }
}
