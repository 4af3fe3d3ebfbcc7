package dev.jcompose.image.layer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.jcompose.linux.FileTrees;
import dev.jcompose.linux.HostCommand;
import dev.jcompose.linux.tar.ArchivedLayer;
import dev.jcompose.linux.tar.LayerArchiver;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.UserDefinedFileAttributeView;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * A build step's overlay upper directory, archived by {@link LayerArchiver} and unpacked by
 * {@link LayerUnpacker}, gives back the same overlayfs whiteouts, and the same diff id; stacked
 * over the original lower directory it shows what the build step's merged view showed.
 */
@Tag("root")
class LayerArchiveRoundTripRootTest {
  private static final int S_IFMT = 0170000;
  private static final int S_IFCHR = 0020000;
  private Path tmp;
  private final java.util.List<Path> mounts = new java.util.ArrayList<>();

  @AfterEach
  void cleanUp() throws Exception {
    for (Path m : mounts) {
      HostCommand.runAllowingFailure(List.of("umount", m.toString()), new byte[0]);
    }
    if (tmp != null) {
      FileTrees.deleteTree(tmp);
    }
  }

  private void mountOverlay(String lowers, Path upper, Path work, Path merged) {
    String opts = "lowerdir=" + lowers + (upper == null ? "" : ",upperdir=" + upper + ",workdir=" + work);
    HostCommand.run(List.of("mount", "-t", "overlay", "overlay", "-o", opts, merged.toString()));
    mounts.add(merged);
  }

  private void unmount(Path merged) {
    HostCommand.run(List.of("umount", merged.toString()));
    mounts.remove(merged);
  }

  private static String xattr(Path p, String name) {
    return HostCommand.run(List.of("python3", "-c", "import os,sys; print(os.getxattr(sys.argv[1], sys.argv[2]).decode())",
        p.toString(), name)).stdout().strip();
  }

  @Test
  void archivedUpperDir_unpacksToTheSameOverlayWhiteoutsAndDiffId() throws Exception {
    assumeTrue("root".equals(System.getProperty("user.name")), "needs root for overlay mounts, whiteouts and trusted.* xattrs");
    assumeTrue(HostCommand.runAllowingFailure(List.of("python3", "-c", "import os; os.getxattr"), new byte[0]).ok(),
        "needs python3 to read trusted.* xattrs");
    // overlayfs cannot stack on an overlay /tmp; /dev/shm is a tmpfs
    tmp = Files.createTempDirectory(Path.of("/dev/shm"), "jc-roundtrip-");
    Path lower = Files.createDirectories(tmp.resolve("lower"));
    Files.writeString(lower.resolve("a"), "a");
    Files.createDirectories(lower.resolve("d"));
    Files.writeString(lower.resolve("d/x"), "old x");
    Files.createDirectories(lower.resolve("e"));
    Files.writeString(lower.resolve("e/y"), "y");
    Path upper = Files.createDirectories(tmp.resolve("upper"));
    Path merged = Files.createDirectories(tmp.resolve("merged"));
    mountOverlay(lower.toString(), upper, Files.createDirectories(tmp.resolve("work")), merged);
    Files.delete(merged.resolve("a"));
    HostCommand.run(List.of("rm", "-rf", merged.resolve("e").toString()));
    Files.createDirectories(merged.resolve("e"));
    Files.writeString(merged.resolve("e/new"), "new");
    Files.writeString(merged.resolve("d/x"), "new x");
    Files.createDirectories(merged.resolve("n"));
    Files.writeString(merged.resolve("n/f"), "f");
    unmount(merged);
    Files.getFileAttributeView(upper.resolve("n/f"), UserDefinedFileAttributeView.class)
        .write("test", ByteBuffer.wrap("hello".getBytes(StandardCharsets.UTF_8)));

    Path blob = tmp.resolve("layer.tar");
    ArchivedLayer archived;
    try (OutputStream out = Files.newOutputStream(blob)) {
      archived = LayerArchiver.write(upper, out);
    }
    Path layers = Files.createDirectories(tmp.resolve("layers"));
    LayerScan scan = LayerUnpacker.unpack(blob, null, layers);

    assertEquals(archived.diffId(), scan.diffId().toString());
    assertEquals(List.of("a"), scan.deleted());
    assertEquals(List.of("e"), scan.opaqueDirs().stream().map(o -> o.path()).toList());
    Path layer = layers.resolve(archived.hex());
    Map<String, Object> a = Files.readAttributes(layer.resolve("a"), "unix:mode,rdev", LinkOption.NOFOLLOW_LINKS);
    assertEquals(S_IFCHR, (Integer) a.get("mode") & S_IFMT, "a is a character device");
    assertEquals(0L, a.get("rdev"));
    assertEquals("y", xattr(layer.resolve("e"), "trusted.overlay.opaque"));
    assertEquals("hello", xattr(layer.resolve("n/f"), "user.test"));
    assertEquals("new x", Files.readString(layer.resolve("d/x")));
    try (Stream<Path> all = Files.walk(layer)) {
      assertEquals(List.of(), all.filter(p -> p.getFileName().toString().startsWith(".wh.")).toList());
    }

    Path view = Files.createDirectories(tmp.resolve("view"));
    mountOverlay(layer + ":" + lower, null, null, view);
    assertFalse(Files.exists(view.resolve("a"), LinkOption.NOFOLLOW_LINKS));
    assertFalse(Files.exists(view.resolve("e/y")));
    assertTrue(Files.exists(view.resolve("e/new")));
    assertEquals("new x", Files.readString(view.resolve("d/x")));
    assertEquals("f", Files.readString(view.resolve("n/f")));
    unmount(view);
  }
}
