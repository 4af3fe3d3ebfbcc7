package dev.jcompose.linux.tar;

import java.io.IOException;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Turns the members GNU tar reads from an overlayfs upper directory into the members of an OCI
 * layer, as Docker's overlay2 differ does ({@code moby/moby:pkg/archive/archive_linux.go}):
 * <ul>
 *   <li>names lose the "./" GNU tar gives them, and the root "./" itself is left out;
 *   <li>a whiteout (character device 0/0) {@code dir/x} becomes an empty file {@code dir/.wh.x}, mode 0600;
 *   <li>a directory with {@code trusted.overlay.opaque=y} is followed by an empty file {@code dir/.wh..wh..opq};
 *   <li>{@code trusted.overlay.*} xattrs are dropped, all others are kept.
 * </ul>
 * Upper directories made with {@code redirect_dir} or {@code metacopy} are refused: their
 * content lives partly in the lower layers, so no layer tar can be made from them alone.
 */
final class WhiteoutConverter {
  static final String WHITEOUT_PREFIX = ".wh.";
  static final String OPAQUE_MARKER = ".wh..wh..opq";
  static final String OVERLAY_XATTRS = "trusted.overlay.";
  static final String OPAQUE_XATTR = "trusted.overlay.opaque";
  static final String REDIRECT_XATTR = "trusted.overlay.redirect";
  static final String METACOPY_XATTR = "trusted.overlay.metacopy";
  /** Members made whiteouts, by their GNU tar name, so that a hard link to one becomes a whiteout too. */
  private final Set<String> whiteouts = new HashSet<>();

  /** The layer members for one member of GNU tar's stream: none, one, or a directory and its opaque marker. */
  List<TarEntry> convert(TarEntry e) throws IOException {
    String name = stripDot(e.name());
    if (name.isEmpty() || name.equals("/")) {
      return List.of();
    }
    if (e.xattrs().containsKey(REDIRECT_XATTR)) {
      throw refused(name, "it has " + REDIRECT_XATTR + " (the overlay was mounted with redirect_dir=on, which renames "
          + "directories by reference to a lower layer); mount build overlays with redirect_dir=off");
    }
    if (e.xattrs().containsKey(METACOPY_XATTR)) {
      throw refused(name, "it has " + METACOPY_XATTR + " (the overlay was mounted with metacopy=on, so its data is still "
          + "in a lower layer); mount build overlays with metacopy=off");
    }
    boolean whiteout = e.type() == TarEntry.CHAR_DEVICE && e.devMajor() == 0 && e.devMinor() == 0
        || e.type() == TarEntry.HARD_LINK && whiteouts.contains(e.linkName());
    if (whiteout) {
      whiteouts.add(e.name());
      int slash = name.lastIndexOf('/');
      String whName = name.substring(0, slash + 1) + WHITEOUT_PREFIX + name.substring(slash + 1);
      return List.of(new TarEntry(whName, TarEntry.FILE, 0600, e.uid(), e.gid(), e.mtime(), 0, "", 0, 0, new TreeMap<>()));
    }
    TarEntry out = e.withName(name).withXattrs(withoutOverlayXattrs(e.xattrs()));
    if (e.type() == TarEntry.HARD_LINK) {
      out = out.withLinkName(stripDot(e.linkName()));
    }
    if (e.type() != TarEntry.DIRECTORY) {
      return List.of(out);
    }
    if (!name.endsWith("/")) {
      out = out.withName(name + "/");
    }
    byte[] opaque = e.xattrs().get(OPAQUE_XATTR);
    if (opaque == null || opaque.length != 1 || opaque[0] != 'y') {
      return List.of(out);
    }
    TarEntry marker = new TarEntry(out.name() + OPAQUE_MARKER, TarEntry.FILE, e.mode() & 0777, e.uid(), e.gid(), e.mtime(),
        0, "", 0, 0, new TreeMap<>());
    return List.of(out, marker);
  }

  /** "./a/b" → "a/b", "./" → "" (names are relative to the archived directory). */
  private static String stripDot(String name) {
    String n = name;
    while (n.startsWith("./")) {
      n = n.substring(2);
    }
    return n.equals(".") ? "" : n;
  }

  private static SortedMap<String, byte[]> withoutOverlayXattrs(SortedMap<String, byte[]> xattrs) {
    SortedMap<String, byte[]> kept = new TreeMap<>(xattrs);
    kept.keySet().removeIf(k -> k.startsWith(OVERLAY_XATTRS));
    return kept;
  }

  private static IOException refused(String name, String why) {
    return new IOException("cannot archive \"" + TarEntry.text(name) + "\": " + why);
  }
}
