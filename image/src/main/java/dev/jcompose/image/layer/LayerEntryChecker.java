package dev.jcompose.image.layer;

import dev.jcompose.linux.tar.OverlayWhiteouts;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Checks a layer's members one by one, in archive order, and collects its OCI whiteouts.
 *
 * <p>Refused: absolute names (except {@code /} for the root directory itself, which umoci
 * writes), {@code ..} components, hard links that leave the layer, and any
 * member whose path goes through a symbolic link made earlier in the same layer (the classic
 * "symlink to /etc, then write etc/passwd through it"). Symbolic links themselves may point
 * anywhere: inside a container they resolve against the container's root, and nothing is
 * ever written through them while unpacking.
 */
public final class LayerEntryChecker {
  static final String WHITEOUT_PREFIX = ".wh.";
  static final String OPAQUE_MARKER = ".wh..wh..opq";
  private final Map<String, String> symlinks = new HashMap<>();
  private final Map<String, TarHeader> directories = new HashMap<>();
  private final List<String> deleted = new ArrayList<>();
  private final Map<String, Boolean> opaque = new LinkedHashMap<>();

  /** Checks one member; throws {@link HostileLayerException} naming it when it is refused. */
  public void check(TarHeader h) {
    if (h.name().matches("[./]*") && h.isDirectory()) {
      return; // the archive's own root: "./", or "/" as umoci writes it
    }
    String path = normalize(h.name(), h.name(), "its path");
    refuseThroughSymlink(h.name(), path);
    if (h.isHardLink()) {
      String target = normalize(h.name(), h.linkName(), "its hard link target \"" + h.linkName() + "\"");
      if (target.isEmpty()) {
        throw new HostileLayerException(h.name(), "a hard link to the layer's root directory");
      }
      refuseThroughSymlink(h.name(), target);
    }
    String base = path.substring(path.lastIndexOf('/') + 1);
    String parent = path.contains("/") ? path.substring(0, path.lastIndexOf('/')) : "";
    if (base.equals(OPAQUE_MARKER)) {
      opaque.put(parent, true);
      return;
    }
    if (base.startsWith(WHITEOUT_PREFIX + WHITEOUT_PREFIX)) {
      return; // aufs metadata (.wh..wh.plnk, .wh..wh.aufs): not content
    }
    if (base.startsWith(WHITEOUT_PREFIX)) {
      String gone = base.substring(WHITEOUT_PREFIX.length());
      if (gone.isEmpty() || gone.equals(".") || gone.equals("..")) {
        throw new HostileLayerException(h.name(), "a whiteout must name a file or directory, not \"" + gone + "\"");
      }
      deleted.add(parent.isEmpty() ? gone : parent + "/" + gone);
      return;
    }
    if (h.isSymlink()) {
      symlinks.put(path, h.linkName());
    } else {
      symlinks.remove(path);
    }
    if (h.isDirectory()) {
      directories.put(path, h);
    }
  }

  /** Paths the layer deletes from the layers below it. */
  public List<String> deleted() {
    return List.copyOf(deleted);
  }

  /** Directories whose lower contents the layer hides, with the mode and owner the layer gives them. */
  public List<OverlayWhiteouts.OpaqueDir> opaqueDirs() {
    List<OverlayWhiteouts.OpaqueDir> out = new ArrayList<>();
    for (String dir : opaque.keySet()) {
      TarHeader h = directories.get(dir);
      out.add(h == null ? new OverlayWhiteouts.OpaqueDir(dir, 0755, 0, 0)
          : new OverlayWhiteouts.OpaqueDir(dir, h.mode() & 07777, h.uid(), h.gid()));
    }
    return out;
  }

  private void refuseThroughSymlink(String entry, String path) {
    int slash = path.indexOf('/');
    while (slash > 0) {
      String prefix = path.substring(0, slash);
      if (symlinks.containsKey(prefix)) {
        throw new HostileLayerException(entry, "it goes through the symbolic link \"" + prefix + "\" (-> " + symlinks.get(prefix)
            + ") made earlier in the same layer, so it could be written outside the layer");
      }
      slash = path.indexOf('/', slash + 1);
    }
  }

  /** Strips "./" and trailing "/", refuses absolute names and "..". */
  private static String normalize(String entry, String name, String what) {
    if (name.startsWith("/")) {
      throw new HostileLayerException(entry, what + " is absolute");
    }
    List<String> parts = new ArrayList<>();
    for (String part : name.split("/+")) {
      if (part.isEmpty() || part.equals(".")) {
        continue;
      }
      if (part.equals("..")) {
        throw new HostileLayerException(entry, what + " contains \"..\"");
      }
      parts.add(part);
    }
    return String.join("/", parts);
  }
}
