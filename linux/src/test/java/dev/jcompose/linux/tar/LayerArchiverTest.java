package dev.jcompose.linux.tar;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jcompose.linux.HostCommand;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.UserDefinedFileAttributeView;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LayerArchiverTest {
  private static final String LONG = "deep/" + "n".repeat(120);
  private static final String NON_ASCII = "données/ünï.txt";

  /** A small tree with one of everything a layer holds; returns whether a user.* xattr could be set on etc/passwd. */
  private static boolean makeTree(Path root) throws Exception {
    Files.createDirectories(root.resolve("bin"));
    Files.writeString(root.resolve("bin/tool"), "#!/bin/sh\necho hi\n");
    Files.writeString(root.resolve("bin/su"), "setuid");
    Files.createDirectories(root.resolve("etc"));
    Files.writeString(root.resolve("etc/passwd"), "root:x:0:0:root:/root:/bin/sh\n");
    Files.createLink(root.resolve("etc/hard"), root.resolve("etc/passwd"));
    Files.writeString(root.resolve("etc/secret"), "s");
    Files.createDirectories(root.resolve("empty"));
    Files.createDirectories(root.resolve("deep"));
    Files.writeString(root.resolve(LONG), "long");
    Files.createDirectories(root.resolve("données"));
    Files.writeString(root.resolve(NON_ASCII), "utf-8");
    Files.createSymbolicLink(root.resolve("link"), Path.of("etc/passwd"));
    HostCommand.run(List.of("mkfifo", root.resolve("fifo").toString()));
    try (ServerSocketChannel s = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
      s.bind(UnixDomainSocketAddress.of(root.resolve("sock"))); // left behind as a socket file when closed
    }
    HostCommand.run(List.of("chmod", "0755", root.resolve("bin/tool").toString()));
    HostCommand.run(List.of("chmod", "4755", root.resolve("bin/su").toString()));
    HostCommand.run(List.of("chmod", "0600", root.resolve("etc/secret").toString()));
    HostCommand.run(List.of("chmod", "0700", root.resolve("empty").toString()));
    Files.setLastModifiedTime(root.resolve("etc/secret"), FileTime.fromMillis(1_600_000_000_500L));
    try {
      Files.getFileAttributeView(root.resolve("etc/passwd"), UserDefinedFileAttributeView.class)
          .write("test", ByteBuffer.wrap(new byte[] {'v', 0, (byte) 0xff}));
      return true;
    } catch (IOException | UnsupportedOperationException e) {
      return false; // the file system has no user xattrs
    }
  }

  @Test
  void write_treeWithEveryKindOfMember_readsBackAsADockerStyleLayer(@TempDir Path tmp) throws Exception {
    Path root = Files.createDirectories(tmp.resolve("root"));
    boolean xattrs = makeTree(root);
    ByteArrayOutputStream out = new ByteArrayOutputStream();

    ArchivedLayer layer = LayerArchiver.write(root, out);

    byte[] bytes = out.toByteArray();
    List<TarArchives.Member> members = TarArchives.read(bytes);
    assertEquals(List.of("bin/", "bin/su", "bin/tool", "deep/", LONG, "données/", NON_ASCII, "empty/", "etc/", "etc/hard",
        "etc/passwd", "etc/secret", "fifo", "link"), members.stream().map(TarArchives.Member::name).toList());
    Map<String, TarArchives.Member> m = TarArchives.byName(members);
    assertEquals(TarEntry.DIRECTORY, m.get("empty/").entry().type());
    assertEquals(0700, m.get("empty/").entry().mode());
    assertEquals(0755, m.get("bin/tool").entry().mode());
    assertEquals(04755, m.get("bin/su").entry().mode());
    assertEquals(0600, m.get("etc/secret").entry().mode());
    assertEquals(1_600_000_000L, m.get("etc/secret").entry().mtime());
    assertEquals("#!/bin/sh\necho hi\n", new String(m.get("bin/tool").content(), StandardCharsets.UTF_8));
    assertEquals("long", new String(m.get(LONG).content(), StandardCharsets.UTF_8));
    assertEquals("utf-8", new String(m.get(NON_ASCII).content(), StandardCharsets.UTF_8));
    assertEquals(TarEntry.FILE, m.get("etc/hard").entry().type());
    assertEquals(TarEntry.HARD_LINK, m.get("etc/passwd").entry().type());
    assertEquals("etc/hard", m.get("etc/passwd").entry().linkName());
    assertEquals(TarEntry.SYMLINK, m.get("link").entry().type());
    assertEquals("etc/passwd", m.get("link").entry().linkName());
    assertEquals(TarEntry.FIFO, m.get("fifo").entry().type());
    long uid = (Integer) Files.getAttribute(root.resolve("bin/tool"), "unix:uid");
    assertEquals(uid, m.get("bin/tool").entry().uid());
    if (xattrs) {
      assertArrayEquals(new byte[] {'v', 0, (byte) 0xff}, m.get("etc/hard").entry().xattrs().get("user.test"));
    }

    assertEquals(bytes.length, layer.size());
    assertEquals(0, bytes.length % 512);
    String sha = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    assertEquals("sha256:" + sha, layer.diffId());
    assertEquals(sha, layer.hex());
  }

  @Test
  void write_sameTreeTwice_givesTheSameBytes(@TempDir Path tmp) throws Exception {
    Path root = Files.createDirectories(tmp.resolve("root"));
    makeTree(root);
    ByteArrayOutputStream first = new ByteArrayOutputStream();
    ByteArrayOutputStream second = new ByteArrayOutputStream();

    ArchivedLayer a = LayerArchiver.write(root, first);
    Thread.sleep(20); // reading changed atimes; they must not show
    ArchivedLayer b = LayerArchiver.write(root, second);

    assertEquals(a, b);
    assertArrayEquals(first.toByteArray(), second.toByteArray());
  }

  @Test
  void write_output_isReadByGnuTar(@TempDir Path tmp) throws Exception {
    Path root = Files.createDirectories(tmp.resolve("root"));
    makeTree(root);
    Path tar = tmp.resolve("layer.tar");
    try (OutputStream out = Files.newOutputStream(tar)) {
      LayerArchiver.write(root, out);
    }
    String listing = HostCommand.run(List.of("tar", "-tvf", tar.toString(), "--numeric-owner")).stdout();
    assertTrue(listing.contains("etc/passwd link to etc/hard"), listing);
    assertTrue(listing.contains("link -> etc/passwd"), listing);
    assertTrue(listing.contains("-rwsr-xr-x"), listing);
    assertFalse(listing.contains("./"), listing);

    Path copy = Files.createDirectories(tmp.resolve("copy"));
    HostCommand.run(List.of("tar", "-xf", tar.toString(), "-C", copy.toString()));
    assertEquals("long", Files.readString(copy.resolve(LONG)));
    assertEquals("utf-8", Files.readString(copy.resolve(NON_ASCII)));
    assertEquals(Files.getAttribute(copy.resolve("etc/hard"), "unix:ino"), Files.getAttribute(copy.resolve("etc/passwd"), "unix:ino"));
  }

  @Test
  void write_emptyDirectory_isJustTheEndOfArchive(@TempDir Path tmp) throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();

    ArchivedLayer layer = LayerArchiver.write(tmp, out);

    assertArrayEquals(new byte[1024], out.toByteArray());
    assertEquals(1024, layer.size());
  }

  @Test
  void write_missingDirectory_saysWhichAndWhy(@TempDir Path tmp) {
    Path missing = tmp.resolve("no-such-upper");

    LayerArchiveException e = assertThrows(LayerArchiveException.class, () -> LayerArchiver.write(missing, new ByteArrayOutputStream()));

    assertEquals("archiving " + missing + " as an image layer failed: it is not a directory", e.getMessage());
    assertEquals(missing, e.dir());
  }

  @Test
  void write_outputFails_saysSoAndStopsTar(@TempDir Path tmp) throws Exception {
    Files.write(tmp.resolve("big"), new byte[1 << 20]);
    OutputStream broken = new OutputStream() {
      @Override
      public void write(int b) throws IOException {
        throw new IOException("No space left on device");
      }

      @Override
      public void write(byte[] b, int off, int len) throws IOException {
        throw new IOException("No space left on device");
      }
    };

    LayerArchiveException e = assertThrows(LayerArchiveException.class, () -> LayerArchiver.write(tmp, broken));

    assertTrue(e.getMessage().startsWith("archiving " + tmp + " as an image layer failed: No space left on device"), e.getMessage());
  }
}
