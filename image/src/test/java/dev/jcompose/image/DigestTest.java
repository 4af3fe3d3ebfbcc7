package dev.jcompose.image;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class DigestTest {
  @Test
  void testOf_emptyIsTheWellKnownSha256() {
    assertEquals("sha256:e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855", Digest.of(new byte[0]).toString());
  }

  @Test
  void testParse_refusesOtherAlgorithmsAndShortHex() {
    assertTrue(assertThrows(IllegalArgumentException.class, () -> Digest.parse("sha512:abc")).getMessage().contains("sha256:<64"));
    assertThrows(IllegalArgumentException.class, () -> Digest.parse("sha256:" + "A".repeat(64)));
    assertEquals("0".repeat(12), Digest.parse("sha256:" + "0".repeat(64)).shortHex());
  }
}
