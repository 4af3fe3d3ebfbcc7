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

  /**
   * The supplementary groups of a container started as {@code user}, as Docker sets them: the
   * primary group, then (when {@code user} names no group) every group of the image's
   * /etc/group that lists the user by name (runc's {@code GetExecUser}), then {@code groupAdd}
   * ({@code group_add}: group names of the image's /etc/group, or numbers). Duplicates are dropped.
   *
   * @throws IllegalArgumentException for a {@code groupAdd} name that is neither in /etc/group nor a number
   */
  public static List<Integer> additionalGids(String user, List<Path> layersTopFirst, List<String> groupAdd) {
    String spec = user == null ? "" : user;
    UserSpec resolved = resolve(spec, layersTopFirst);
    java.util.LinkedHashSet<Integer> gids = new java.util.LinkedHashSet<>();
    gids.add(resolved.gid());
    String[] parts = spec.split(":", 2);
    if (parts.length == 1) {
      String name = lookup(layersTopFirst, "etc/passwd", 2, Integer.toString(resolved.uid())).map(e -> e[0]).orElse(null);
      if (!parts[0].isEmpty() && !parts[0].matches("[0-9]+")) {
        name = parts[0];
      }
      if (name != null) {
        for (String[] g : lines(layersTopFirst, "etc/group")) {
          if (g.length > 3 && g[2].matches("[0-9]+") && List.of(g[3].split(",")).contains(name)) {
            gids.add(Integer.parseInt(g[2]));
          }
        }
      }
    }
    for (String group : groupAdd == null ? List.<String>of() : groupAdd) {
      Optional<String[]> entry = lookup(layersTopFirst, "etc/group", 0, group)
          .or(() -> lookup(layersTopFirst, "etc/group", 2, group));
      if (entry.isPresent() && entry.get()[2].matches("[0-9]+")) {
        gids.add(Integer.parseInt(entry.get()[2]));
      } else if (group.matches("[0-9]{1,10}") && Long.parseLong(group) <= Integer.MAX_VALUE) {
        gids.add(Integer.parseInt(group));
      } else {
        throw new IllegalArgumentException("unable to find group " + group + " (group_add): no matching entries in the image's /etc/group");
      }
    }
    return List.copyOf(gids);
  }

  /** The lines of the topmost copy of {@code file}, split at ':'; empty when no layer has it. */
  private static List<String[]> lines(List<Path> layers, String file) {
    for (Path layer : layers) {
      Path f = layer.resolve(file);
      if (Files.isRegularFile(f)) {
        try {
          return Files.readAllLines(f).stream().map(l -> l.split(":", -1)).toList();
        } catch (IOException e) {
          throw new IllegalArgumentException("cannot read the image's /" + file + ": " + e.getMessage(), e);
        }
      }
    }
    return List.of();
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
