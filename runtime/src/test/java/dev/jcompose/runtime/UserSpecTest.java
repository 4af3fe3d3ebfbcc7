package dev.jcompose.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class UserSpecTest {
  private static final String PASSWD = String.join("\n",
      "root:x:0:0:root:/root:/bin/sh",
      "daemon:x:1:1:daemon:/usr/sbin:/usr/sbin/nologin",
      "www-data:x:33:33:www-data:/var/www:/usr/sbin/nologin",
      "app:x:1000:1001:App:/home/app:/bin/sh",
      "broken:x",
      "") ;
  private static final String GROUP = String.join("\n",
      "root:x:0:",
      "www-data:x:33:",
      "staff:x:50:app",
      "");

  @TempDir
  Path tmp;
  Path base;

  @BeforeEach
  void layers() throws IOException {
    base = tmp.resolve("base");
    write(base, "etc/passwd", PASSWD);
    write(base, "etc/group", GROUP);
  }

  private static void write(Path layer, String file, String content) throws IOException {
    Path f = layer.resolve(file);
    Files.createDirectories(f.getParent());
    Files.writeString(f, content);
  }

  @Test
  void resolve_emptyOrNull_isRoot() {
    assertEquals(new UserSpec(0, 0), UserSpec.resolve(null, List.of(base)));
    assertEquals(new UserSpec(0, 0), UserSpec.resolve("", List.of(base)));
  }

  @Test
  void resolve_numericUid_takesGidFromPasswd() {
    assertEquals(new UserSpec(1000, 1001), UserSpec.resolve("1000", List.of(base)));
  }

  @Test
  void resolve_numericUidNotInPasswd_hasGroupRoot_asDocker() {
    // docker run --user 4242 busybox id → uid=4242 gid=0(root)
    assertEquals(new UserSpec(4242, 0), UserSpec.resolve("4242", List.of(base)));
    assertEquals(new UserSpec(4242, 0), UserSpec.resolve("4242", List.of()));
  }

  @Test
  void resolve_numericUidAndGid() {
    assertEquals(new UserSpec(1000, 1000), UserSpec.resolve("1000:1000", List.of(base)));
    assertEquals(new UserSpec(5, 7), UserSpec.resolve("5:7", List.of()));
  }

  @Test
  void resolve_userName() {
    assertEquals(new UserSpec(33, 33), UserSpec.resolve("www-data", List.of(base)));
    assertEquals(new UserSpec(1000, 1001), UserSpec.resolve("app", List.of(base)));
  }

  @Test
  void resolve_userAndGroupNames() {
    assertEquals(new UserSpec(1000, 50), UserSpec.resolve("app:staff", List.of(base)));
    assertEquals(new UserSpec(33, 33), UserSpec.resolve("www-data:www-data", List.of(base)));
  }

  @Test
  void resolve_uidAndGroupName() {
    assertEquals(new UserSpec(4242, 50), UserSpec.resolve("4242:staff", List.of(base)));
  }

  @Test
  void resolve_unknownUser_saysSo() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> UserSpec.resolve("nobody", List.of(base)));
    assertEquals("unable to find user nobody: no matching entries in the image's /etc/passwd", e.getMessage());
  }

  @Test
  void resolve_userNameWithoutPasswdFile_saysSo() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> UserSpec.resolve("app", List.of(tmp.resolve("empty"))));
    assertEquals("unable to find user app: no matching entries in the image's /etc/passwd", e.getMessage());
  }

  @Test
  void resolve_unknownGroup_saysSo() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> UserSpec.resolve("app:wheel", List.of(base)));
    assertEquals("unable to find group wheel: no matching entries in the image's /etc/group", e.getMessage());
  }

  @Test
  void resolve_shortLinesAreSkipped() {
    assertThrows(IllegalArgumentException.class, () -> UserSpec.resolve("broken", List.of(base)));
  }

  @Test
  void resolve_topmostLayerWins() throws IOException {
    Path top = tmp.resolve("top");
    write(top, "etc/passwd", "root:x:0:0:root:/root:/bin/sh\napp:x:2000:2000::/home/app:/bin/sh\n");
    assertEquals(new UserSpec(2000, 2000), UserSpec.resolve("app", List.of(top, base)));
    assertEquals(new UserSpec(1000, 1001), UserSpec.resolve("app", List.of(base, top)));
  }

  @Test
  void resolve_topmostPasswdHidesLowerEntries() throws IOException {
    Path top = tmp.resolve("top");
    write(top, "etc/passwd", "root:x:0:0:root:/root:/bin/sh\n");
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> UserSpec.resolve("www-data", List.of(top, base)));
    assertEquals("unable to find user www-data: no matching entries in the image's /etc/passwd", e.getMessage());
  }

  @Test
  void resolve_layerWithoutTheFile_fallsThroughToLower() throws IOException {
    Path top = Files.createDirectories(tmp.resolve("top/etc"));
    write(tmp.resolve("top"), "etc/group", "staff:x:77:\n");
    assertEquals(new UserSpec(33, 77), UserSpec.resolve("www-data:staff", List.of(tmp.resolve("top"), base)));
    assertEquals(top, tmp.resolve("top/etc"));
  }
}
