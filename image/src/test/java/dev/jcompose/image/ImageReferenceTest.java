package dev.jcompose.image;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ImageReferenceTest {
  @Test
  void parse_dockerHubShortName_normalizes() {
    ImageReference r = ImageReference.parse("busybox");
    assertEquals("docker.io/library/busybox:latest", r.canonical());
    assertEquals("busybox:latest", r.familiar());
    assertEquals(r, ImageReference.parse("docker.io/library/busybox:latest"));
  }

  @Test
  void parse_registryWithPort() {
    ImageReference r = ImageReference.parse("127.0.0.1:5000/team/app:v2");
    assertEquals("127.0.0.1:5000", r.registry());
    assertEquals("team/app", r.repository());
    assertEquals("v2", r.tag());
    assertEquals("127.0.0.1:5000/team/app:v2", r.familiar());
  }

  @Test
  void parse_uppercase_saysWhy() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ImageReference.parse("BusyBox"));
    assertTrue(e.getMessage().contains("lowercase"), e.getMessage());
  }

  @Test
  void parse_badTag_saysWhy() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ImageReference.parse("app:-x"));
    assertTrue(e.getMessage().contains("invalid tag"), e.getMessage());
  }
}
