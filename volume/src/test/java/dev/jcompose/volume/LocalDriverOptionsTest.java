package dev.jcompose.volume;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalDriverOptionsTest {
  private static final Set<String> KERNEL = Set.of("tmpfs", "ext4");

  private static String error(Map<String, String> opts) {
    VolumeException e = assertThrows(VolumeException.class, () -> LocalDriverOptions.parse("v", opts, KERNEL));
    assertEquals(VolumeException.Kind.INVALID, e.kind());
    return e.getMessage();
  }

  @Test
  void parse_none_isAPlainVolume() {
    assertFalse(LocalDriverOptions.parse("v", Map.of(), KERNEL).mounts());
    assertFalse(LocalDriverOptions.parse("v", null, KERNEL).mounts());
    assertEquals(Map.of(), LocalDriverOptions.none().asMap());
  }

  @Test
  void parse_bindOfAnExistingDirectory(@TempDir Path dir) {
    LocalDriverOptions o = LocalDriverOptions.parse("v", Map.of("type", "none", "device", dir.toString(), "o", "bind"), KERNEL);
    assertTrue(o.mounts());
    assertTrue(o.isBind());
    assertEquals(Map.of("type", "none", "device", dir.toString(), "o", "bind"), o.asMap());
  }

  @Test
  void parse_tmpfs() {
    LocalDriverOptions o = LocalDriverOptions.parse("v", Map.of("type", "tmpfs", "device", "tmpfs", "o", "size=8m,mode=0770"), KERNEL);
    assertFalse(o.isBind());
    assertEquals("size=8m,mode=0770", o.o());
  }

  @Test
  void parse_unknownOption_namesIt() {
    assertEquals("create volume v: invalid option: \"size\" (the local driver knows type, device and o)",
        error(Map.of("type", "tmpfs", "device", "tmpfs", "size", "1g")));
  }

  @Test
  void parse_missingDevice_namesTheVolume() {
    assertTrue(error(Map.of("type", "tmpfs")).startsWith("create volume v: missing required option: \"device\""));
    assertTrue(error(Map.of("o", "bind")).startsWith("create volume v: missing required option: \"type\""));
  }

  @Test
  void parse_unknownType() {
    assertEquals("create volume v: unknown filesystem type \"zfs9\": this kernel knows ext4, tmpfs (and none with o=bind)",
        error(Map.of("type", "zfs9", "device", "/dev/x")));
  }

  @Test
  void parse_bindOfAMissingPath_saysCreateIt() {
    assertEquals("create volume v: the device to bind, /nonexistent/jc-dir, does not exist (or is not a directory) on this host: create it first",
        error(Map.of("type", "none", "device", "/nonexistent/jc-dir", "o", "bind")));
  }

  @Test
  void parse_bindOfARelativePath() {
    assertTrue(error(Map.of("type", "none", "device", "data", "o", "bind")).contains("must be an absolute host path"));
  }

  @Test
  void parse_typeNoneWithoutBind() {
    assertEquals("create volume v: type \"none\" needs o=bind (to bind-mount the device directory); got o=\"ro\"",
        error(Map.of("type", "none", "device", "/tmp", "o", "ro")));
  }
}
