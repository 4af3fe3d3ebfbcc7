package dev.jcompose.runtime.helper;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HelperBinaryTest {
  @TempDir Path root;

  @Test
  void install_namesTheFileByContentHash_mode755() throws IOException {
    Path installed = HelperBinary.install(root);
    byte[] packaged;
    try (InputStream in = HelperBinary.class.getResourceAsStream(HelperBinary.RESOURCE)) {
      packaged = in.readAllBytes();
    }
    assertEquals(root.resolve("bin").resolve("jc-helper-" + HelperBinary.sha256(packaged).substring(0, 16)), installed);
    assertArrayEquals(packaged, Files.readAllBytes(installed));
    assertEquals("rwxr-xr-x", PosixFilePermissions.toString(Files.getPosixFilePermissions(installed)));
  }

  @Test
  void install_twice_keepsTheFile() throws IOException {
    Path first = HelperBinary.install(root);
    long inode = (long) Files.getAttribute(first, "unix:ino");
    Path second = HelperBinary.install(root);
    assertEquals(first, second);
    assertEquals(inode, (long) Files.getAttribute(second, "unix:ino"));
  }

  @Test
  void install_replacesATamperedCopy() throws IOException {
    Path installed = HelperBinary.install(root);
    Files.writeString(installed, "#!/bin/sh\necho evil\n");
    Path again = HelperBinary.install(root);
    assertEquals(installed, again);
    assertTrue(Files.size(again) > 1000, "the real binary is back");
  }
}
