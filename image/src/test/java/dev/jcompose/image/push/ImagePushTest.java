package dev.jcompose.image.push;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.jcompose.image.Digest;
import dev.jcompose.image.LayerBlob;
import dev.jcompose.image.layer.LayerCompression;
import dev.jcompose.image.registry.Descriptor;
import java.util.List;
import org.junit.jupiter.api.Test;

class ImagePushTest {
  private static final Digest A = Digest.of("a".getBytes());
  private static final Digest CONFIG = Digest.of("{}".getBytes());

  @Test
  void manifest_dockerSchema2_withGzipLayers() throws Exception {
    byte[] bytes = ImagePush.manifest(false, new Descriptor(ImagePush.DOCKER_CONFIG, CONFIG.toString(), 2, null),
        List.of(new LayerBlob(A, LayerCompression.GZIP, 10)));
    JsonNode m = JsonMapper.builder().build().readTree(bytes);
    assertEquals(2, m.get("schemaVersion").asInt());
    assertEquals("application/vnd.docker.distribution.manifest.v2+json", m.get("mediaType").asText());
    assertEquals("application/vnd.docker.container.image.v1+json", m.path("config").get("mediaType").asText());
    assertEquals(CONFIG.toString(), m.path("config").get("digest").asText());
    assertEquals("application/vnd.docker.image.rootfs.diff.tar.gzip", m.path("layers").get(0).get("mediaType").asText());
    assertEquals(10, m.path("layers").get(0).get("size").asLong());
    assertEquals(false, m.path("layers").get(0).has("platform"));
  }

  @Test
  void layerMediaType_zstdIsOciOnly() {
    assertEquals("application/vnd.oci.image.layer.v1.tar+zstd", ImagePush.layerMediaType(LayerCompression.ZSTD, true));
    assertEquals("application/vnd.oci.image.layer.v1.tar+gzip", ImagePush.layerMediaType(LayerCompression.GZIP, true));
    assertEquals("application/vnd.docker.image.rootfs.diff.tar", ImagePush.layerMediaType(LayerCompression.NONE, false));
  }
}
