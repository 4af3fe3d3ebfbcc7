package dev.jcompose.network;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class VethNamesTest {

  @Test
  void newHostName_jcvPlus8Hex_fitsIfnamsiz() {
    String n = VethNames.newHostName();
    assertTrue(n.matches("jcv[0-9a-f]{8}"), n);
    assertTrue(n.length() <= 15);
  }

  @Test
  void newHostName_isUnique() {
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < 10_000; i++) {
      seen.add(VethNames.newHostName());
    }
    assertEquals(10_000, seen.size());
  }

  @Test
  void newHostName_badPrefix() {
    assertThrows(IllegalArgumentException.class, () -> VethNames.newHostName("toolongpfx"));
    assertThrows(IllegalArgumentException.class, () -> VethNames.newHostName("1a"));
    assertEquals(12, VethNames.newHostName("jct1").length());
  }
}
