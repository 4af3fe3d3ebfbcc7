package dev.jcompose.linux.tar;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.jcompose.linux.FileTrees;
import dev.jcompose.linux.HostCommand;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.UserDefinedFileAttributeView;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** Archives the upper directory of a real overlay mount after a "build step" changed the merged view. */
@Tag("root")
class LayerArchiverOverlayTest {
  /** security.capability v2 granting cap_net_bind_service, effective: binary, with NUL bytes. */
  static final byte[] CAPABILITY = {1, 0, 0, 2, 0, 4, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0};
  private Path tmp;
  private Path merged;
  private boolean mounted;

  @BeforeEach
  void mountOverlay() throws Exception {
    assumeTrue(LayerTar.isRoot(), "needs root for an overlay mount, whiteouts and trusted.* xattrs");
    // overlayfs cannot stack on an overlay /tmp; /dev/shm is a tmpfs
    tmp = Files.createTempDirectory(Path.of("/dev/shm"), "jc-archiver-");
    Path lower = Files.createDirectories(tmp.resolve("lower"));
    Files.writeString(lower.resolve("a"), "a");
    Files.writeString(lower.resolve("b"), "b");
    Files.createDirectories(lower.resolve("d"));
    Files.writeString(lower.resolve("d/x"), "old x");
    Files.createDirectories(lower.resolve("e"));
    Files.writeString(lower.resolve("e/y"), "y");
    Files.createDirectories(tmp.resolve("upper"));
    Files.createDirectories(tmp.resolve("work"));
    merged = Files.createDirectories(tmp.resolve("merged"));
    HostCommand.run(List.of("mount", "-t", "overlay", "overlay", "-o", "lowerdir=" + lower + ",upperdir=" + tmp.resolve("upper")
        + ",workdir=" + tmp.resolve("work"), merged.toString()));
    mounted = true;
  }

  @AfterEach
  void cleanUp() throws Exception {
    if (mounted) {
      HostCommand.runAllowingFailure(List.of("umount", merged.toString()), new byte[0]);
    }
    if (tmp != null) {
      FileTrees.deleteTree(tmp);
    }
  }

  /** The build step: deletes a and b, replaces e, changes d/x, adds n/f (with xattrs, set on the upper afterwards). */
  static void changeMergedAndUnmount(Path merged, Path upper) throws Exception {
    Files.delete(merged.resolve("a"));
    Files.delete(merged.resolve("b"));
    HostCommand.run(List.of("rm", "-rf", merged.resolve("e").toString()));
    Files.createDirectories(merged.resolve("e"));
    Files.writeString(merged.resolve("e/new"), "new");
    Files.writeString(merged.resolve("d/x"), "new x");
    Files.createDirectories(merged.resolve("n"));
    Files.writeString(merged.resolve("n/f"), "f");
    HostCommand.run(List.of("umount", merged.toString()));
    Files.getFileAttributeView(upper.resolve("n/f"), UserDefinedFileAttributeView.class)
        .write("test", ByteBuffer.wrap("hello".getBytes(StandardCharsets.UTF_8)));
    HostCommand.run(List.of("python3", "-c", "import os,sys; os.setxattr(sys.argv[1], 'security.capability', bytes.fromhex(sys.argv[2]))",
        upper.resolve("n/f").toString(), java.util.HexFormat.of().formatHex(CAPABILITY)));
  }

  @Test
  void write_upperDir_hasOciWhiteoutsAndNoOverlayXattrs() throws Exception {
    Path upper = tmp.resolve("upper");
    changeMergedAndUnmount(merged, upper);
    mounted = false;
    ByteArrayOutputStream out = new ByteArrayOutputStream();

    ArchivedLayer layer = LayerArchiver.write(upper, out);

    List<TarArchives.Member> members = TarArchives.read(out.toByteArray());
    assertEquals(List.of(".wh.a", ".wh.b", "d/", "d/x", "e/", "e/.wh..wh..opq", "e/new", "n/", "n/f"),
        members.stream().map(TarArchives.Member::name).toList());
    Map<String, TarArchives.Member> m = TarArchives.byName(members);
    for (String wh : List.of(".wh.a", ".wh.b", "e/.wh..wh..opq")) {
      assertEquals(TarEntry.FILE, m.get(wh).entry().type(), wh);
      assertEquals(0, m.get(wh).entry().size(), wh);
    }
    assertEquals(0600, m.get(".wh.a").entry().mode());
    assertEquals("new x", new String(m.get("d/x").content(), StandardCharsets.UTF_8));
    assertArrayEquals("hello".getBytes(StandardCharsets.UTF_8), m.get("n/f").entry().xattrs().get("user.test"));
    assertArrayEquals(CAPABILITY, m.get("n/f").entry().xattrs().get("security.capability"));
    assertTrue(members.stream().noneMatch(x -> x.entry().type() == TarEntry.CHAR_DEVICE));
    assertFalse(out.toString(StandardCharsets.ISO_8859_1).contains("trusted.overlay"));
    assertEquals(out.size(), layer.size());

    HostCommand.Result listing = HostCommand.runAllowingFailure(List.of("tar", "-tvf", "-", "--numeric-owner"), out.toByteArray());
    assertTrue(listing.ok() && listing.stdout().contains(" e/.wh..wh..opq"), listing.toString());
  }
}
