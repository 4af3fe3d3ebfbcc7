package dev.jcompose.engine.images;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jcompose.engine.http.ApiException;
import dev.jcompose.engine.http.ApiResponse;
import dev.jcompose.image.ImageStore;
import dev.jcompose.image.pull.PullProgress;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ImageServicePullTest {

  @Test
  void testProgressLine_dockerShapes() {
    Map<String, Object> downloading = ImageService.progressLine(new PullProgress("Downloading", "abc", 10, 100));
    assertEquals(new LinkedHashMap<>(Map.of("status", "Downloading", "progressDetail", Map.of("current", 10L, "total", 100L),
        "id", "abc")), downloading);
    assertEquals(Map.of("status", "Digest: sha256:x"), ImageService.progressLine(PullProgress.of("Digest: sha256:x", null)));
  }

  @Test
  void testPull_badReference_is400BeforeStreaming(@TempDir Path tmp) {
    ImageService images = new ImageService(new ImageStore(tmp));
    ApiException e = assertThrows(ApiException.class, () -> images.pull("UPPER/case", null, null));
    assertTrue(e.getMessage().contains("invalid reference format"), e.getMessage());
    assertThrows(ApiException.class, () -> images.pull("busybox", null, "amd64"));
  }

  @Test
  void testPull_unreachableRegistry_streamsAnErrorLine(@TempDir Path tmp) throws Exception {
    ImageService images = new ImageService(new ImageStore(tmp));
    // port 1 on loopback: nothing listens, the connection is refused at once
    ApiResponse.Streaming r = (ApiResponse.Streaming) images.pull("127.0.0.1:1/demo/app", "v1", null);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    r.writer().writeTo(out);
    String body = out.toString(StandardCharsets.UTF_8);
    assertTrue(body.startsWith("{\"status\":\"Pulling from demo/app\""), body);
    assertTrue(body.contains("\"error\":\"cannot fetch manifest 127.0.0.1:1/demo/app:v1"), body);
  }
}
