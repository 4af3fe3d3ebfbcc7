package dev.jcompose.image.pull;

import dev.jcompose.linux.HostCommand;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Builds busybox images with umoci and pushes them with skopeo, as MACHINE-FACTS section 5 does. */
final class TestImages {
  private TestImages() {}

  /**
   * A three-layer busybox image in the OCI layout {@code dir/oci:busybox}: the rootfs; a layer
   * that deletes {@code /etc/motd} (whiteout) and replaces {@code /etc/conf.d} (opaque).
   */
  static String buildBusybox(Path dir, String arch) throws Exception {
    Path top = dir.resolve("rootfs-" + arch);
    Path rootfs = Files.createDirectories(top.resolve("bin"));
    Files.copy(Path.of("/usr/bin/busybox"), rootfs.resolve("busybox"));
    Files.createSymbolicLink(rootfs.resolve("sh"), Path.of("busybox"));
    Path etc = top.resolve("etc");
    Files.createDirectories(etc.resolve("conf.d"));
    Files.writeString(etc.resolve("motd"), "hello\n");
    Files.writeString(etc.resolve("conf.d/old.conf"), "old\n");
    Path newConf = Files.createDirectories(dir.resolve("newconf-" + arch));
    Files.writeString(newConf.resolve("new.conf"), "new\n");
    String layout = dir.resolve("oci").toString();
    String image = layout + ":busybox-" + arch;
    if (!Files.exists(dir.resolve("oci"))) {
      run("umoci", "init", "--layout", layout);
    }
    run("umoci", "new", "--image", image);
    run("umoci", "insert", "--image", image, top.toString(), "/");
    run("umoci", "insert", "--image", image, "--whiteout", "/etc/motd");
    run("umoci", "insert", "--image", image, "--opaque", newConf.toString(), "/etc/conf.d");
    run("umoci", "config", "--image", image, "--config.cmd", "sh", "--config.env", "PATH=/bin", "--architecture", arch, "--os", "linux");
    return image;
  }

  /** Pushes {@code image} (an OCI layout reference) to {@code destination} (registry/repo:tag). */
  static void push(String image, String destination, String... extraSkopeoArgs) {
    List<String> argv = new ArrayList<>(List.of("skopeo", "copy", "--quiet", "--dest-tls-verify=false"));
    argv.addAll(List.of(extraSkopeoArgs));
    argv.addAll(List.of("oci:" + image, "docker://" + destination));
    HostCommand.run(argv);
  }

  static String run(String... argv) {
    return HostCommand.run(List.of(argv)).stdout();
  }
}
