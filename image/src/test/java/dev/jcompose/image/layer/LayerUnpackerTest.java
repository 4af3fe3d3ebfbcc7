package dev.jcompose.image.layer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.luben.zstd.ZstdOutputStream;
import dev.jcompose.image.Digest;
import dev.jcompose.image.ImageException;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Hostile layers, each refused before anything is written; and ordinary ones in each compression. */
class LayerUnpackerTest {

  private static Path write(Path dir, byte[] bytes) throws Exception {
    Path p = dir.resolve("blob");
    Files.write(p, bytes);
    return p;
  }

  private static void assertNothingUnpacked(Path layers) throws Exception {
    if (Files.exists(layers)) {
      try (Stream<Path> s = Files.list(layers)) {
        assertEquals(List.of(), s.toList());
      }
    }
  }

  private static HostileLayerException refuse(Path tmp, TestTar tar) throws Exception {
    Path layers = tmp.resolve("layers");
    Files.createDirectories(layers);
    HostileLayerException e = assertThrows(HostileLayerException.class,
        () -> LayerUnpacker.unpack(write(tmp, tar.bytes()), null, layers));
    assertNothingUnpacked(layers);
    return e;
  }

  @Test
  void testUnpack_dotDotEntry_refused(@TempDir Path tmp) throws Exception {
    assertEquals("../escape", refuse(tmp, new TestTar().file("ok", "x").file("../escape", "pwned")).entry());
    assertFalse(Files.exists(tmp.getParent().resolve("escape")));
  }

  @Test
  void testUnpack_absoluteEntry_refused(@TempDir Path tmp) throws Exception {
    assertEquals("/tmp/jc-absolute-escape", refuse(tmp, new TestTar().file("/tmp/jc-absolute-escape", "pwned")).entry());
    assertFalse(Files.exists(Path.of("/tmp/jc-absolute-escape")));
  }

  @Test
  void testUnpack_fileWrittenThroughSymlink_refused(@TempDir Path tmp) throws Exception {
    Path outside = Files.createDirectories(tmp.resolve("outside"));
    HostileLayerException e = refuse(tmp, new TestTar().symlink("link", outside.toString()).file("link/owned", "pwned"));
    assertEquals("link/owned", e.entry());
    assertFalse(Files.exists(outside.resolve("owned")));
  }

  @Test
  void testUnpack_relativeSymlinkEscape_thenWrite_refused(@TempDir Path tmp) throws Exception {
    assertEquals("up/owned", refuse(tmp, new TestTar().symlink("up", "../../..").file("up/owned", "pwned")).entry());
  }

  @Test
  void testUnpack_hardlinkOutside_refused(@TempDir Path tmp) throws Exception {
    assertEquals("shadow", refuse(tmp, new TestTar().hardlink("shadow", "../../../etc/shadow")).entry());
    assertEquals("passwd", refuse(tmp, new TestTar().hardlink("passwd", "/etc/passwd")).entry());
  }

  @Test
  void testUnpack_hardlinkThroughSymlink_refused(@TempDir Path tmp) throws Exception {
    assertEquals("h", refuse(tmp, new TestTar().symlink("s", "/etc").hardlink("h", "s/passwd")).entry());
  }

  @Test
  void testUnpack_plainGzipZstd_sameDiffIdAndContent(@TempDir Path tmp) throws Exception {
    byte[] tar = new TestTar().dir("etc/").file("etc/hostname", "box\n").symlink("sh", "busybox").bytes();
    Digest diffId = Digest.of(tar);
    for (String kind : List.of("plain", "gzip", "zstd")) {
      Path dir = Files.createDirectories(tmp.resolve(kind));
      Path layers = Files.createDirectories(dir.resolve("layers"));
      LayerScan scan = LayerUnpacker.unpack(write(dir, compress(kind, tar)), diffId, layers);
      assertEquals(diffId, scan.diffId(), kind);
      assertEquals(LayerCompression.valueOf(kind.equals("plain") ? "NONE" : kind.toUpperCase()), scan.compression());
      assertEquals("box\n", Files.readString(layers.resolve(diffId.hex()).resolve("etc/hostname")), kind);
      assertEquals("busybox", Files.readSymbolicLink(layers.resolve(diffId.hex()).resolve("sh")).toString());
    }
  }

  @Test
  void testUnpack_wrongDiffId_refusedAndNothingKept(@TempDir Path tmp) throws Exception {
    Path layers = Files.createDirectories(tmp.resolve("layers"));
    Digest wrong = Digest.of(new byte[] {1});
    ImageException e = assertThrows(ImageException.class,
        () -> LayerUnpacker.unpack(write(tmp, new TestTar().file("a", "b").bytes()), wrong, layers));
    assertTrue(e.getMessage().contains("but the image config says " + wrong), e.getMessage());
    assertNothingUnpacked(layers);
  }

  @Test
  void testUnpack_truncatedContent_refused(@TempDir Path tmp) throws Exception {
    byte[] tar = new TestTar().file("big", "x".repeat(2000)).bytes();
    byte[] cut = java.util.Arrays.copyOf(tar, 512 + 1000);
    Path layers = Files.createDirectories(tmp.resolve("layers"));
    ImageException e = assertThrows(ImageException.class, () -> LayerUnpacker.unpack(write(tmp, cut), null, layers));
    assertTrue(e.getMessage().contains("truncated archive"), e.getMessage());
    assertNothingUnpacked(layers);
  }

  static byte[] compress(String kind, byte[] tar) throws Exception {
    ByteArrayOutputStream buf = new ByteArrayOutputStream();
    try (OutputStream out = switch (kind) {
      case "gzip" -> new GZIPOutputStream(buf);
      case "zstd" -> new ZstdOutputStream(buf);
      default -> buf;
    }) {
      out.write(tar);
    }
    return buf.toByteArray();
  }
}
