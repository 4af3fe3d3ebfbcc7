package dev.jcompose.image.archive;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jcompose.image.Image;
import dev.jcompose.image.ImageException;
import dev.jcompose.image.ImageStore;
import dev.jcompose.image.ImageStoreRemovalTestAccess;
import dev.jcompose.linux.HostCommand;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ImageArchiveTest {

  @Test
  void save_thenLoadIntoAnotherStore_sameIdNamesAndFiles(@TempDir Path tmp) throws Exception {
    ImageStore first = new ImageStore(tmp.resolve("one"));
    Image a = ImageStoreRemovalTestAccess.importImage(first, tmp, "team/app:v1", "a");
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    new ImageArchive(first).save(List.of("team/app:v1"), out);

    // GNU tar reads it, and it has docker save's shape
    Path file = tmp.resolve("saved.tar");
    Files.write(file, out.toByteArray());
    String listing = HostCommand.run(List.of("tar", "-tf", file.toString())).stdout();
    assertTrue(listing.contains("manifest.json"), listing);
    assertTrue(listing.contains(a.id().substring(7) + ".json"), listing);
    assertTrue(listing.contains(a.config().rootfs().diffIds().get(0).substring(7) + "/layer.tar"), listing);

    ImageStore second = new ImageStore(tmp.resolve("two"));
    List<String> lines = new ArrayList<>();
    List<String> ids = new ImageArchive(second).load(new ByteArrayInputStream(out.toByteArray()), lines::add);
    assertEquals(List.of(a.id()), ids);
    assertEquals(List.of("Loaded image: team/app:v1"), lines);
    Image loaded = second.require("team/app:v1");
    assertEquals(a.id(), loaded.id());
    assertEquals("a\n", Files.readString(loaded.layerDirs().get(0).resolve("etc/hostname")));
  }

  @Test
  void load_ociLayoutTar_namedByAnnotation(@TempDir Path tmp) throws Exception {
    ImageStore first = new ImageStore(tmp.resolve("one"));
    Image a = ImageStoreRemovalTestAccess.importImage(first, tmp, "app:v1", "a");
    // an OCI layout: the layer gzip-compressed, config, manifest and index as blobs
    String diff = a.config().rootfs().diffIds().get(0);
    var gz = first.compressedLayerBlob(dev.jcompose.image.Digest.parse(diff));
    byte[] config = first.configBytes(a.id());
    byte[] manifest = ("{\"schemaVersion\":2,\"mediaType\":\"application/vnd.oci.image.manifest.v1+json\",\"config\":{\"mediaType\":"
        + "\"application/vnd.oci.image.config.v1+json\",\"digest\":\"" + a.id() + "\",\"size\":" + config.length + "},\"layers\":[{"
        + "\"mediaType\":\"application/vnd.oci.image.layer.v1.tar+gzip\",\"digest\":\"" + gz.digest() + "\",\"size\":" + gz.size() + "}]}")
        .getBytes();
    var md = dev.jcompose.image.Digest.of(manifest);
    String index = "{\"schemaVersion\":2,\"manifests\":[{\"mediaType\":\"application/vnd.oci.image.manifest.v1+json\",\"digest\":\""
        + md + "\",\"size\":" + manifest.length + ",\"annotations\":{\"io.containerd.image.name\":\"docker.io/library/app:oci\","
        + "\"org.opencontainers.image.ref.name\":\"oci\"}}]}";
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ArchiveTar.Writer w = new ArchiveTar.Writer(out);
    w.file("oci-layout", "{\"imageLayoutVersion\":\"1.0.0\"}".getBytes());
    w.file("index.json", index.getBytes());
    w.directory("blobs/sha256");
    w.file("blobs/sha256/" + md.hex(), manifest);
    w.file("blobs/sha256/" + a.id().substring(7), config);
    w.file("blobs/sha256/" + gz.digest().hex(), Files.readAllBytes(first.blobPath(gz.digest())));
    w.finish();

    ImageStore second = new ImageStore(tmp.resolve("two"));
    List<String> lines = new ArrayList<>();
    new ImageArchive(second).load(new ByteArrayInputStream(out.toByteArray()), lines::add);
    assertEquals(List.of("Loaded image: app:oci"), lines);
    assertEquals(a.id(), second.require("app:oci").id());
  }

  @Test
  void load_memberLeavingTheArchive_isRefused(@TempDir Path tmp) throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ArchiveTar.Writer w = new ArchiveTar.Writer(out);
    w.file("../../evil", "x".getBytes());
    w.finish();
    ImageStore store = new ImageStore(tmp.resolve("s"));
    ImageException e = assertThrows(ImageException.class,
        () -> new ImageArchive(store).load(new ByteArrayInputStream(out.toByteArray()), l -> { }));
    assertTrue(e.getMessage().contains("outside the archive"), e.getMessage());
    assertTrue(!Files.exists(tmp.resolve("evil")) && !Files.exists(tmp.getParent().resolve("evil")));
  }

  @Test
  void load_neitherFormat_saysWhatItWants(@TempDir Path tmp) throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ArchiveTar.Writer w = new ArchiveTar.Writer(out);
    w.file("etc/hostname", "x".getBytes());
    w.finish();
    ImageException e = assertThrows(ImageException.class,
        () -> new ImageArchive(new ImageStore(tmp)).load(new ByteArrayInputStream(out.toByteArray()), l -> { }));
    assertTrue(e.getMessage().contains("image import"), e.getMessage());
  }
}
