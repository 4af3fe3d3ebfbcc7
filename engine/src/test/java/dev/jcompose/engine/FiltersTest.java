package dev.jcompose.engine;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;

class FiltersTest {
  @Test
  void matchesLabels_keyAndKeyValue() {
    Filters f = Filters.parse("{\"label\":[\"com.docker.compose.project=p\",\"com.docker.compose.service\"]}");
    assertTrue(f.matchesLabels(Map.of("com.docker.compose.project", "p", "com.docker.compose.service", "web")));
    assertFalse(f.matchesLabels(Map.of("com.docker.compose.project", "q", "com.docker.compose.service", "web")));
    assertFalse(f.matchesLabels(Map.of("com.docker.compose.project", "p")));
  }

  @Test
  void parse_olderMapForm() {
    Filters f = Filters.parse("{\"label\":{\"a=b\":true}}");
    assertTrue(f.matchesLabels(Map.of("a", "b")));
    assertFalse(f.matchesLabels(Map.of("a", "c")));
  }

  @Test
  void matchesAny_emptyMeansAll() {
    assertTrue(Filters.parse(null).matchesAny("name", n -> false));
  }
}
