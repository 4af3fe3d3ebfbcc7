package dev.jcompose.linux.tar;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class WhiteoutConverterTest {
  private final WhiteoutConverter converter = new WhiteoutConverter();

  private static TreeMap<String, byte[]> xattrs(String... nameValue) {
    TreeMap<String, byte[]> m = new TreeMap<>();
    for (int i = 0; i < nameValue.length; i += 2) {
      m.put(nameValue[i], nameValue[i + 1].getBytes(StandardCharsets.ISO_8859_1));
    }
    return m;
  }

  private static List<String> names(List<TarEntry> entries) {
    return entries.stream().map(TarEntry::name).toList();
  }

  @Test
  void convert_root_isLeftOut() throws IOException {
    assertEquals(List.of(), converter.convert(TarEntry.of("./", TarEntry.DIRECTORY, 0755, 0, 0, 0)));
  }

  @Test
  void convert_charDevice00_becomesEmptyWhiteoutFile() throws IOException {
    List<TarEntry> out = converter.convert(TarEntry.of("./etc/gone", TarEntry.CHAR_DEVICE, 0, 7, 8, 1234));

    assertEquals(1, out.size());
    TarEntry wh = out.get(0);
    assertEquals("etc/.wh.gone", wh.name());
    assertEquals(TarEntry.FILE, wh.type());
    assertEquals(0600, wh.mode());
    assertEquals(0, wh.size());
    assertEquals(List.of(7L, 8L, 1234L), List.of(wh.uid(), wh.gid(), wh.mtime()));
  }

  @Test
  void convert_hardLinkToAWhiteout_isAWhiteoutToo() throws IOException {
    converter.convert(TarEntry.of("./a", TarEntry.CHAR_DEVICE, 0, 0, 0, 0));

    List<TarEntry> out = converter.convert(TarEntry.of("./d/b", TarEntry.HARD_LINK, 0, 0, 0, 0).withLinkName("./a"));

    assertEquals(List.of("d/.wh.b"), names(out));
    assertEquals(TarEntry.FILE, out.get(0).type());
  }

  @Test
  void convert_realCharDevice_staysADevice() throws IOException {
    List<TarEntry> out = converter.convert(TarEntry.of("./dev/null", TarEntry.CHAR_DEVICE, 0666, 0, 0, 0).withDevice(1, 3));

    assertEquals(List.of("dev/null"), names(out));
    assertEquals(TarEntry.CHAR_DEVICE, out.get(0).type());
    assertEquals(3, out.get(0).devMinor());
  }

  @Test
  void convert_opaqueDirectory_isFollowedByTheOpaqueMarker() throws IOException {
    TarEntry dir = TarEntry.of("./e/", TarEntry.DIRECTORY, 02750, 5, 6, 99)
        .withXattrs(xattrs("trusted.overlay.opaque", "y", "trusted.overlay.origin", "\0\1", "user.keep", "k"));

    List<TarEntry> out = converter.convert(dir);

    assertEquals(List.of("e/", "e/.wh..wh..opq"), names(out));
    assertEquals(List.of("user.keep"), List.copyOf(out.get(0).xattrs().keySet()));
    TarEntry marker = out.get(1);
    assertEquals(TarEntry.FILE, marker.type());
    assertEquals(0750, marker.mode());
    assertEquals(List.of(5L, 6L, 99L), List.of(marker.uid(), marker.gid(), marker.mtime()));
  }

  @Test
  void convert_files_keepOtherXattrsAndLoseOverlayOnes() throws IOException {
    TarEntry file = new TarEntry("./bin/ping", TarEntry.FILE, 0755, 0, 0, 0, 10, "", 0, 0,
        xattrs("security.capability", "\1\0\0\2", "trusted.overlay.origin", "x", "user.a", "b"));

    TarEntry out = converter.convert(file).get(0);

    assertEquals("bin/ping", out.name());
    assertEquals(List.of("security.capability", "user.a"), List.copyOf(out.xattrs().keySet()));
    assertEquals(10, out.size());
  }

  @Test
  void convert_hardLink_losesDotSlashInItsTarget() throws IOException {
    TarEntry out = converter.convert(TarEntry.of("./b", TarEntry.HARD_LINK, 0644, 0, 0, 0).withLinkName("./a")).get(0);

    assertEquals("a", out.linkName());
  }

  @Test
  void convert_redirectOrMetacopy_isRefusedWithTheMountOptionToChange() {
    IOException redirect = assertThrows(IOException.class, () -> converter.convert(
        TarEntry.of("./moved/", TarEntry.DIRECTORY, 0755, 0, 0, 0).withXattrs(xattrs("trusted.overlay.redirect", "/old"))));
    IOException metacopy = assertThrows(IOException.class, () -> converter.convert(
        new TarEntry("./f", TarEntry.FILE, 0644, 0, 0, 0, 0, "", 0, 0, xattrs("trusted.overlay.metacopy", ""))));

    assertTrue(redirect.getMessage().startsWith("cannot archive \"moved/\": it has trusted.overlay.redirect"), redirect.getMessage());
    assertTrue(redirect.getMessage().contains("redirect_dir=off"), redirect.getMessage());
    assertTrue(metacopy.getMessage().contains("metacopy=off"), metacopy.getMessage());
  }

  @Test
  void convert_opaqueValueOtherThanY_isNotOpaque() throws IOException {
    List<TarEntry> out = converter.convert(TarEntry.of("./e/", TarEntry.DIRECTORY, 0755, 0, 0, 0)
        .withXattrs(xattrs("trusted.overlay.opaque", "x")));

    assertEquals(List.of("e/"), names(out));
    assertEquals(Map.of(), out.get(0).xattrs());
  }
}
