package dev.jcompose.build;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jcompose.image.Image;
import dev.jcompose.image.ImageConfig;
import dev.jcompose.image.ImageReference;
import dev.jcompose.image.ImageStore;
import dev.jcompose.linux.FileTrees;
import dev.jcompose.linux.HostCommand;
import dev.jcompose.runtime.ContainerRuntime;
import dev.jcompose.runtime.ContainerSpec;
import dev.jcompose.runtime.LogEntry;
import dev.jcompose.runtime.RunningContainer;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Real builds: RUN steps are containers of jcompose's runtime (network "none"), layers go into a
 * real store, and the final images are run to show what they hold.
 */
@Tag("root")
class BuilderRootTest {
  private Path root;
  private Path context;
  private ImageStore store;
  private ContainerRuntime runtime;
  private Builder builder;
  private final StringBuilder log = new StringBuilder();
  private final BuildProgress progress = new BuildProgress() {
    @Override
    public void step(String text) {
      log.append(text).append('\n');
    }

    @Override
    public void info(String text) {
      log.append(text).append('\n');
    }

    @Override
    public void output(String text) {
      log.append(text);
    }
  };

  @BeforeEach
  void setUp() throws Exception {
    Assumptions.assumeTrue((int) Files.getAttribute(Path.of("/proc/self"), "unix:uid") == 0, "needs root (namespaces, mounts, cgroups)");
    Assumptions.assumeTrue(Files.isExecutable(Path.of("/bin/busybox")), "needs /bin/busybox (apt-get install busybox-static)");
    root = Files.createTempDirectory(Path.of("/var/tmp"), "jc-build-test-");
    context = Files.createDirectories(root.resolve("context"));
    store = new ImageStore(root);
    runtime = new ContainerRuntime(root);
    importBusybox();
    BaseImages base = (name, pull, p) -> store.find(name).orElseThrow(() -> new BuildException("no image " + name));
    builder = new Builder(store, new BuildCache(root.resolve("images/build-cache"), store), base,
        new RuntimeStepRunner(runtime, StepNetwork.hostOrNone()), new StoreLayerCommitter(store), root.resolve("images/build-work"));
  }

  @AfterEach
  void tearDown() throws IOException {
    if (root != null) {
      FileTrees.deleteTree(root);
    }
  }

  private void importBusybox() throws IOException {
    Path rootfs = Files.createDirectories(root.resolve("busybox-rootfs"));
    Path bin = Files.createDirectories(rootfs.resolve("bin"));
    Files.copy(Path.of("/bin/busybox"), bin.resolve("busybox"));
    for (String applet : HostCommand.run(List.of("/bin/busybox", "--list")).stdout().split("\n")) {
      if (!applet.isBlank() && !applet.equals("busybox")) {
        Files.createSymbolicLink(bin.resolve(applet), Path.of("busybox"));
      }
    }
    for (String d : List.of("etc", "tmp", "root")) {
      Files.createDirectories(rootfs.resolve(d));
    }
    Files.writeString(rootfs.resolve("etc/passwd"), "root:x:0:0:root:/root:/bin/sh\nnobody:x:65534:65534:nobody:/:/bin/sh\n");
    Files.writeString(rootfs.resolve("etc/group"), "root:x:0:\nnogroup:x:65534:\n");
    Path tar = root.resolve("busybox.tar");
    HostCommand.run(List.of("tar", "-C", rootfs.toString(), "-cf", tar.toString(), "."));
    try (InputStream in = Files.newInputStream(tar)) {
      store.importRootfs(in, ImageReference.parse("busybox:latest"), null, "test");
    }
  }

  private BuildResult build(String dockerfile, String... tags) throws IOException {
    Files.writeString(context.resolve("Dockerfile"), dockerfile);
    log.setLength(0);
    return builder.build(BuildRequest.of(context).withNetwork("none").withTags(List.of(tags)), progress);
  }

  /** Runs the image's command (or {@code args}) and returns its output. */
  private String run(String imageId, List<String> args) throws Exception {
    Image image = store.get(imageId).orElseThrow();
    ImageConfig.Config c = image.config().config();
    List<String> argv = args != null ? args : c.cmd();
    String id = "buildtest-" + Long.toHexString(System.nanoTime());
    ContainerSpec spec = ContainerSpec.of(id, image.lowerDirsTopFirst(), root.resolve("containers").resolve(id), argv)
        .withEnv(c.env() == null ? List.of() : c.env())
        .withWorkingDir(c.workingDir());
    RunningContainer running = runtime.prepare(spec).start();
    running.exited().join();
    String out = running.logs().read(-1).stream().map(LogEntry::text).collect(Collectors.joining());
    runtime.cleanup(id, spec.stateDir());
    return out;
  }

  private static final String MULTI_STAGE = """
      FROM busybox AS build
      WORKDIR /src
      COPY greeting.txt .
      RUN echo "built from $(cat greeting.txt)" > /tmp/msg && mkdir -p /out && mv /tmp/msg /out/msg
      FROM busybox
      ARG WHO=world
      ENV WHO=$WHO
      COPY --from=build /out/msg /msg
      LABEL stage=final
      EXPOSE 8080
      CMD ["sh", "-c", "cat /msg; echo hello $WHO"]
      """;

  @Test
  void multiStage_finalImageRuns_rebuildIsAllCache_changedFileRebuildsFromItsStep() throws Exception {
    Files.writeString(context.resolve("greeting.txt"), "hi");
    BuildResult first = build(MULTI_STAGE, "app:1");
    assertEquals("built from hi\nhello world\n", run(first.imageId(), null));
    Image built = store.find("app:1").orElseThrow();
    assertEquals(first.imageId(), built.id());
    assertEquals(Map.of("stage", "final"), built.config().config().labels());
    assertTrue(built.config().config().exposedPorts().containsKey("8080/tcp"));
    assertEquals(0, first.cachedSteps());
    assertEquals(11, first.steps());
    assertTrue(log.toString().contains("Step 4/11 : RUN echo"), log.toString());

    BuildResult again = build(MULTI_STAGE, "app:1");
    assertEquals(first.imageId(), again.imageId(), "a rebuild with no change gives the same image");
    assertEquals(8, again.cachedSteps(), "every step but the two FROMs and the ARG (it makes no image) is a cache hit:\n" + log);

    Files.writeString(context.resolve("greeting.txt"), "hello again");
    BuildResult changed = build(MULTI_STAGE, "app:2");
    assertNotEquals(first.imageId(), changed.imageId());
    assertEquals(2, changed.cachedSteps(), "WORKDIR, and the final stage's ENV (before its COPY --from) come from the cache:\n" + log);
    assertEquals("built from hello again\nhello world\n", run(changed.imageId(), null));
  }

  @Test
  void failingRun_namesTheStepTheCommandAndItsExitCode() throws Exception {
    BuildException e = assertThrows(BuildException.class, () -> build("FROM busybox\nRUN echo before\nRUN echo oops >&2; exit 3\n"));
    assertTrue(e.getMessage().startsWith("Step 3/3 (Dockerfile:3) RUN: the command '/bin/sh -c echo oops >&2; exit 3' returned a non-zero code: 3"),
        e.getMessage());
    assertTrue(log.toString().contains("oops"), "the step's output was shown:\n" + log);
  }

  @Test
  void runDeletingAFile_leavesAWhiteout_andCopyChownChmodWork() throws Exception {
    Files.writeString(context.resolve("tool.sh"), "#!/bin/sh\necho tool\n");
    Files.createDirectories(context.resolve("conf/sub"));
    Files.writeString(context.resolve("conf/a.conf"), "a");
    Files.writeString(context.resolve("conf/sub/b.conf"), "b");
    BuildResult r = build("""
        FROM busybox
        RUN rm /bin/vi && mkdir /data && echo x > /data/x
        COPY --chown=nobody:nogroup --chmod=750 tool.sh /usr/local/bin/
        COPY conf /etc/app/
        COPY c*/*.conf /etc/flat/
        USER nobody
        CMD ["sh", "-c", "test -e /bin/vi || echo vi-gone; cat /data/x; ls -ln /usr/local/bin/tool.sh | awk '{print $1, $3, $4}'; cat /etc/app/a.conf /etc/app/sub/b.conf /etc/flat/a.conf; id -u"]
        """);
    assertEquals("nobody", store.get(r.imageId()).orElseThrow().config().config().user());
    // run() starts the command as root, whatever the image's USER: id -u says 0
    assertEquals("vi-gone\nx\n-rwxr-x--- 65534 65534\naba0\n", run(r.imageId(), null));
  }

  @Test
  void addUnpacksTars_heredocs_onbuildTriggers_andTheConfigInstructions() throws Exception {
    Path payload = Files.createDirectories(root.resolve("payload/opt/pkg"));
    Files.writeString(payload.resolve("VERSION"), "1.2.3\n");
    HostCommand.run(List.of("tar", "-C", root.resolve("payload").toString(), "-czf", context.resolve("pkg.tar.gz").toString(), "opt"));
    Files.writeString(context.resolve("plain.gz"), "not a tar");
    BuildResult parent = build("""
        FROM busybox
        ONBUILD RUN echo triggered > /onbuild.txt
        """, "parent:1");
    BuildResult r = build("""
        # escape=`
        FROM parent:1
        ADD pkg.tar.gz /
        ADD plain.gz /files/
        COPY <<EOF /etc/motd
        hello $HOSTNAME_UNSET
        EOF
        RUN <<EOS
        echo from-heredoc > /heredoc.txt
        EOS
        SHELL ["/bin/sh", "-ec"]
        RUN echo "shell $0" > /shell.txt
        VOLUME /data
        STOPSIGNAL SIGQUIT
        HEALTHCHECK --interval=5s --retries=2 CMD test -e /heredoc.txt
        MAINTAINER someone
        CMD cat /opt/pkg/VERSION /files/plain.gz /etc/motd /heredoc.txt /onbuild.txt /shell.txt
        """);
    assertEquals("1.2.3\nnot a tarhello \nfrom-heredoc\ntriggered\nshell /bin/sh\n", run(r.imageId(), null));
    ImageConfig.Config c = store.get(r.imageId()).orElseThrow().config().config();
    assertEquals(List.of("/bin/sh", "-ec", "cat /opt/pkg/VERSION /files/plain.gz /etc/motd /heredoc.txt /onbuild.txt /shell.txt"), c.cmd());
    assertTrue(c.volumes().containsKey("/data"));
    assertEquals("SIGQUIT", c.stopSignal());
    assertEquals(List.of("CMD-SHELL", "test -e /heredoc.txt"), c.healthcheck().test(), "the shell form, as Docker stores it");
    assertEquals(5_000_000_000L, c.healthcheck().interval());
    assertEquals(2, c.healthcheck().retries());
    assertTrue(c.onBuild() == null || c.onBuild().isEmpty(), "the child image does not inherit the triggers");
    assertEquals(List.of("RUN echo triggered > /onbuild.txt"), store.get(parent.imageId()).orElseThrow().config().config().onBuild());
  }
}
