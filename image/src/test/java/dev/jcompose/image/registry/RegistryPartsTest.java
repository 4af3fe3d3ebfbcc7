package dev.jcompose.image.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jcompose.image.ImageException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The small value classes of the registry client: challenges, credentials, endpoints, platforms, manifests. */
class RegistryPartsTest {

  @Test
  void testAuthChallenge_dockerHubBearer() {
    AuthChallenge c = AuthChallenge.parse("Bearer realm=\"https://auth.docker.io/token\",service=\"registry.docker.io\","
        + "scope=\"repository:library/busybox:pull\"");
    assertTrue(c.isBearer());
    assertEquals("https://auth.docker.io/token", c.params().get("realm"));
    assertEquals("repository:library/busybox:pull", c.params().get("scope"));
    assertTrue(AuthChallenge.parse("Basic realm=\"Registry\"").isBasic());
  }

  @Test
  void testCredentials_dockerConfigAuths(@TempDir Path tmp) throws Exception {
    Path cfg = tmp.resolve("config.json");
    String auth = java.util.Base64.getEncoder().encodeToString("bob:pa:ss".getBytes(StandardCharsets.UTF_8));
    Files.writeString(cfg, "{\"auths\":{\"https://index.docker.io/v1/\":{\"auth\":\"" + auth + "\"},"
        + "\"http://127.0.0.1:5000\":{\"auth\":\"" + auth + "\"},\"helper.example\":{}}}");
    RegistryCredentials c = RegistryCredentials.load(cfg);
    assertEquals("pa:ss", c.forRegistry("docker.io").orElseThrow().password());
    assertEquals("bob", c.forRegistry("127.0.0.1:5000").orElseThrow().user());
    assertFalse(c.forRegistry("helper.example").isPresent());
    assertFalse(c.forRegistry("other:5000").isPresent());
    assertFalse(c.forRegistry("docker.io").orElseThrow().toString().contains("pa:ss"), "never print a password");
  }

  @Test
  void testCredentials_malformedAuth_namesFile(@TempDir Path tmp) throws Exception {
    Path cfg = tmp.resolve("config.json");
    Files.writeString(cfg, "{\"auths\":{\"r.example\":{\"auth\":\"bm9jb2xvbg==\"}}}");
    ImageException e = assertThrows(ImageException.class, () -> RegistryCredentials.load(cfg));
    assertTrue(e.getMessage().contains(cfg.toString()) && e.getMessage().contains("r.example"), e.getMessage());
  }

  @Test
  void testEndpoint_httpForLoopbackAndInsecure_httpsOtherwise() {
    assertEquals("http://127.0.0.1:5000", RegistryEndpoint.of("127.0.0.1:5000", Set.of()).base().toString());
    assertEquals("http://localhost:5000", RegistryEndpoint.of("localhost:5000", Set.of()).base().toString());
    assertEquals("https://registry-1.docker.io", RegistryEndpoint.of("docker.io", Set.of()).base().toString());
    assertEquals("http://r.lan:5000", RegistryEndpoint.of("r.lan:5000", Set.of("r.lan:5000")).base().toString());
    assertEquals("https://r.lan:5000", RegistryEndpoint.of("r.lan:5000", Set.of()).base().toString());
  }

  @Test
  void testPlatform_parseAndAccept() {
    Platform amd64 = Platform.parse("linux/amd64");
    assertTrue(amd64.accepts(new Platform("linux", "amd64", null)));
    assertFalse(amd64.accepts(new Platform("linux", "arm64", "v8")));
    assertTrue(Platform.parse("linux/arm64").accepts(new Platform("linux", "arm64", "v8")));
    assertFalse(Platform.parse("linux/arm/v7").accepts(new Platform("linux", "arm", "v6")));
    assertThrows(IllegalArgumentException.class, () -> Platform.parse("amd64"));
  }

  @Test
  void testFetchedManifest_typeFromDocumentHeaderOrShape() {
    byte[] noType = "{\"schemaVersion\":2,\"config\":{\"digest\":\"sha256:x\"},\"layers\":[]}".getBytes();
    assertEquals(MediaTypes.DOCKER_MANIFEST, FetchedManifest.of(MediaTypes.DOCKER_MANIFEST + "; charset=utf-8", noType, "m").mediaType());
    assertEquals(MediaTypes.OCI_MANIFEST, FetchedManifest.of("application/json", noType, "m").mediaType());
    byte[] index = ("{\"schemaVersion\":2,\"mediaType\":\"" + MediaTypes.DOCKER_MANIFEST_LIST + "\",\"manifests\":[]}").getBytes();
    assertTrue(FetchedManifest.of(null, index, "m").isIndex());
    ImageException e = assertThrows(ImageException.class, () -> FetchedManifest.of(
        "application/vnd.docker.distribution.manifest.v1+prettyjws", "{\"schemaVersion\":1}".getBytes(), "manifest x"));
    assertTrue(e.getMessage().contains("which jcompose cannot pull"), e.getMessage());
  }
}
