package dev.jcompose.cli.compose;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.jcompose.cli.compose.ImagePuller.Decision;
import org.junit.jupiter.api.Test;

class ImagePullerTest {

  @Test
  void testDecide_eachPolicy() {
    assertEquals(Decision.PULL, ImagePuller.decide(null, false, () -> false));
    assertEquals(Decision.SKIP, ImagePuller.decide(null, false, () -> true));
    assertEquals(Decision.SKIP, ImagePuller.decide("missing", true, () -> false), "a built service is left to the build");
    assertEquals(Decision.PULL, ImagePuller.decide("if_not_present", false, () -> false));
    assertEquals(Decision.PULL, ImagePuller.decide("always", false, () -> true));
    assertEquals(Decision.SKIP, ImagePuller.decide("never", false, () -> true));
    assertEquals(Decision.MISSING_NEVER_PULLED, ImagePuller.decide("never", false, () -> false));
    assertEquals(Decision.SKIP, ImagePuller.decide("build", false, () -> false));
    assertEquals(Decision.PULL, ImagePuller.decide("daily", false, () -> false));
  }

  @Test
  void testFamiliar_normalizesLikeDocker() {
    assertEquals("busybox:latest", ImagePuller.familiar("busybox"));
    assertEquals("busybox:latest", ImagePuller.familiar("docker.io/library/busybox:latest"));
    assertEquals("team/app:v2", ImagePuller.familiar("docker.io/team/app:v2"));
    assertEquals("127.0.0.1:5000/demo/busybox:latest", ImagePuller.familiar("127.0.0.1:5000/demo/busybox"));
    assertEquals("app@sha256:abc", ImagePuller.familiar("app@sha256:abc"));
  }
}
